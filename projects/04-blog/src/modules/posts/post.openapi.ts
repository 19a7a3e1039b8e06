/** The post, review-workflow and cover endpoints in the OpenAPI document, from the validating schemas. */
import {
  apiProblemResponses,
  IdParamsSchema,
  jsonBody,
  jsonResponse,
  type OpenAPIRegistry,
  registerBearerAuth,
} from '@roadmap/core';
import { z } from 'zod';
import {
  MyPostsQuerySchema,
  PostInputSchema,
  PostListQuerySchema,
  PostPageSchema,
  PostPatchSchema,
  PostSchema,
  RejectInputSchema,
  ReviewQueueQuerySchema,
  SlugParamsSchema,
} from './post.schemas.js';

export function registerPostPaths(registry: OpenAPIRegistry, base: string): void {
  const tags = ['posts'];
  const security = registerBearerAuth(registry);
  registry.registerPath({
    method: 'get',
    path: base,
    tags,
    summary: 'List published posts: filter, search, sort, page (admins may filter by any status)',
    description:
      'An optional bearer token identifies admins. Only published posts are listed unless an admin sets `status`.',
    request: { query: PostListQuerySchema },
    responses: {
      200: jsonResponse('A page of posts (without bodies).', PostPageSchema),
      ...apiProblemResponses(400, 401, 403, 422),
    },
  });
  registry.registerPath({
    method: 'post',
    path: base,
    tags,
    summary: 'Write a new post (a draft) as the signed-in user',
    security,
    request: { body: jsonBody(PostInputSchema) },
    responses: { 201: jsonResponse('The draft.', PostSchema), ...apiProblemResponses(400, 401, 413, 422) },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/mine`,
    tags,
    summary: "The caller's own posts in any status",
    security,
    request: { query: MyPostsQuerySchema },
    responses: { 200: jsonResponse('A page of posts.', PostPageSchema), ...apiProblemResponses(400, 401) },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/review-queue`,
    tags: ['review'],
    summary: 'Posts waiting for review, oldest first (admin)',
    security,
    request: { query: ReviewQueueQuerySchema },
    responses: { 200: jsonResponse('A page of pending posts.', PostPageSchema), ...apiProblemResponses(400, 401, 403) },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/by-slug/{slug}`,
    tags,
    summary: 'Get a post by its slug (published, or your own, or any as admin)',
    request: { params: SlugParamsSchema },
    responses: { 200: jsonResponse('The post.', PostSchema), ...apiProblemResponses(400, 401, 404) },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/{id}`,
    tags,
    summary: 'Get a post (published, or your own, or any as admin; otherwise 404)',
    request: { params: IdParamsSchema },
    responses: { 200: jsonResponse('The post.', PostSchema), ...apiProblemResponses(400, 401, 404) },
  });
  registry.registerPath({
    method: 'patch',
    path: `${base}/{id}`,
    tags,
    summary: 'Edit a draft or rejected post (author) with optimistic concurrency',
    description: 'Send the `version` you read. If the stored post is newer the answer is 409 with `currentVersion`.',
    security,
    request: { params: IdParamsSchema, body: jsonBody(PostPatchSchema) },
    responses: {
      200: jsonResponse('The post.', PostSchema),
      ...apiProblemResponses(400, 401, 403, 404, 409, 413, 422),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: `${base}/{id}`,
    tags,
    summary: 'Delete a post, its comments and its cover (author or admin)',
    security,
    request: { params: IdParamsSchema },
    responses: { 204: { description: 'Deleted.' }, ...apiProblemResponses(400, 401, 403, 404) },
  });
  const actions = [
    ['submit', 'Submit a draft or rejected post for review (author)'],
    ['withdraw', 'Take a pending post back to draft (author)'],
    ['approve', 'Approve and publish a pending post (admin, not the author)'],
  ] as const;
  for (const [action, summary] of actions) {
    registry.registerPath({
      method: 'post',
      path: `${base}/{id}/${action}`,
      tags: ['review'],
      summary,
      security,
      request: { params: IdParamsSchema },
      responses: {
        200: jsonResponse('The post in its new status.', PostSchema),
        ...apiProblemResponses(400, 401, 403, 404, 409),
      },
    });
  }
  registry.registerPath({
    method: 'post',
    path: `${base}/{id}/reject`,
    tags: ['review'],
    summary: 'Reject a pending post with a reason (admin, not the author)',
    security,
    request: { params: IdParamsSchema, body: jsonBody(RejectInputSchema) },
    responses: {
      200: jsonResponse('The rejected post.', PostSchema),
      ...apiProblemResponses(400, 401, 403, 404, 409, 413),
    },
  });
  registry.registerPath({
    method: 'put',
    path: `${base}/{id}/cover`,
    tags: ['uploads'],
    summary: 'Upload or replace the cover image (JPEG, PNG, GIF or WebP; checked by content)',
    security,
    request: {
      params: IdParamsSchema,
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: z.object({ cover: z.string().meta({ type: 'string', format: 'binary' }) }),
          },
        },
      },
    },
    responses: {
      200: jsonResponse('The post with its new coverImageUrl.', PostSchema),
      ...apiProblemResponses(400, 401, 403, 404, 409, 413, 415),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: `${base}/{id}/cover`,
    tags: ['uploads'],
    summary: 'Remove the cover image',
    security,
    request: { params: IdParamsSchema },
    responses: { 200: jsonResponse('The post.', PostSchema), ...apiProblemResponses(400, 401, 403, 404, 409) },
  });
}
