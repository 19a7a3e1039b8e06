/** Every endpoint of the blog in the OpenAPI document, built from the schemas that validate them. */
import {
  buildOpenApiDocument,
  createApiRegistry,
  jsonBody,
  jsonResponse,
  problemResponses,
  registerBearerAuth,
  registerHealthPaths,
  type OpenApiDocument,
  type OpenAPIRegistry,
} from '@roadmap/core';
import { z } from 'zod';
import { IdParamsSchema } from '@roadmap/core';
import {
  CategoryDeleteQuerySchema,
  CategoryInputSchema,
  CategoryListSchema,
  CategoryPatchSchema,
  CategorySchema,
} from './modules/categories/category.schemas.js';
import {
  CommentInputSchema,
  CommentListQuerySchema,
  CommentPageSchema,
  CommentParamsSchema,
  CommentSchema,
} from './modules/comments/comment.schemas.js';
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
} from './modules/posts/post.schemas.js';

export const API_BASE = '/api/v1';

const bearer = [{ bearerAuth: [] }];

/**
 * The problem responses of an API route: the given statuses, plus the 503 (with Retry-After) that the
 * shared error handler answers on every route when MongoDB or Redis is lost.
 */
const errorResponses = (...statuses: number[]) => problemResponses(...statuses, 503);

function registerCategoryPaths(registry: OpenAPIRegistry): void {
  const tags = ['categories'];
  const base = `${API_BASE}/categories`;
  registry.registerPath({
    method: 'get',
    path: base,
    tags,
    summary: 'List all categories',
    responses: { 200: jsonResponse('Every category, by slug.', CategoryListSchema), ...errorResponses() },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/{id}`,
    tags,
    summary: 'Get a category',
    request: { params: IdParamsSchema },
    responses: { 200: jsonResponse('The category.', CategorySchema), ...errorResponses(400, 404) },
  });
  registry.registerPath({
    method: 'post',
    path: base,
    tags,
    summary: 'Create a category (admin)',
    security: bearer,
    request: { body: jsonBody(CategoryInputSchema) },
    responses: {
      201: jsonResponse('The created category; its slug comes from the name.', CategorySchema),
      ...errorResponses(400, 401, 403, 409, 413),
    },
  });
  registry.registerPath({
    method: 'patch',
    path: `${base}/{id}`,
    tags,
    summary: 'Rename or describe a category (admin); the slug never changes',
    security: bearer,
    request: { params: IdParamsSchema, body: jsonBody(CategoryPatchSchema) },
    responses: { 200: jsonResponse('The category.', CategorySchema), ...errorResponses(400, 401, 403, 404, 413) },
  });
  registry.registerPath({
    method: 'delete',
    path: `${base}/{id}`,
    tags,
    summary: 'Delete a category (admin): 409 while posts use it, unless reassignTo moves them',
    security: bearer,
    request: { params: IdParamsSchema, query: CategoryDeleteQuerySchema },
    responses: {
      200: jsonResponse(
        'Deleted; how many posts were moved.',
        z.object({ reassigned: z.number().int() }).meta({ id: 'CategoryDeleted' }),
      ),
      ...errorResponses(400, 401, 403, 404, 409),
    },
  });
}

function registerPostPaths(registry: OpenAPIRegistry): void {
  const tags = ['posts'];
  const base = `${API_BASE}/posts`;
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
      ...errorResponses(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'post',
    path: base,
    tags,
    summary: 'Write a new post (a draft) as the signed-in user',
    security: bearer,
    request: { body: jsonBody(PostInputSchema) },
    responses: { 201: jsonResponse('The draft.', PostSchema), ...errorResponses(400, 401, 413) },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/mine`,
    tags,
    summary: "The caller's own posts in any status",
    security: bearer,
    request: { query: MyPostsQuerySchema },
    responses: { 200: jsonResponse('A page of posts.', PostPageSchema), ...errorResponses(400, 401) },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/review-queue`,
    tags: ['review'],
    summary: 'Posts waiting for review, oldest first (admin)',
    security: bearer,
    request: { query: ReviewQueueQuerySchema },
    responses: { 200: jsonResponse('A page of pending posts.', PostPageSchema), ...errorResponses(400, 401, 403) },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/by-slug/{slug}`,
    tags,
    summary: 'Get a post by its slug (published, or your own, or any as admin)',
    request: { params: SlugParamsSchema },
    responses: { 200: jsonResponse('The post.', PostSchema), ...errorResponses(400, 401, 404) },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/{id}`,
    tags,
    summary: 'Get a post (published, or your own, or any as admin; otherwise 404)',
    request: { params: IdParamsSchema },
    responses: { 200: jsonResponse('The post.', PostSchema), ...errorResponses(400, 401, 404) },
  });
  registry.registerPath({
    method: 'patch',
    path: `${base}/{id}`,
    tags,
    summary: 'Edit a draft or rejected post (author) with optimistic concurrency',
    description: 'Send the `version` you read. If the stored post is newer the answer is 409 with `currentVersion`.',
    security: bearer,
    request: { params: IdParamsSchema, body: jsonBody(PostPatchSchema) },
    responses: { 200: jsonResponse('The post.', PostSchema), ...errorResponses(400, 401, 403, 404, 409, 413) },
  });
  registry.registerPath({
    method: 'delete',
    path: `${base}/{id}`,
    tags,
    summary: 'Delete a post, its comments and its cover (author or admin)',
    security: bearer,
    request: { params: IdParamsSchema },
    responses: { 204: { description: 'Deleted.' }, ...errorResponses(400, 401, 403, 404) },
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
      security: bearer,
      request: { params: IdParamsSchema },
      responses: {
        200: jsonResponse('The post in its new status.', PostSchema),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    });
  }
  registry.registerPath({
    method: 'post',
    path: `${base}/{id}/reject`,
    tags: ['review'],
    summary: 'Reject a pending post with a reason (admin, not the author)',
    security: bearer,
    request: { params: IdParamsSchema, body: jsonBody(RejectInputSchema) },
    responses: {
      200: jsonResponse('The rejected post.', PostSchema),
      ...errorResponses(400, 401, 403, 404, 409, 413),
    },
  });
  registry.registerPath({
    method: 'put',
    path: `${base}/{id}/cover`,
    tags: ['uploads'],
    summary: 'Upload or replace the cover image (JPEG, PNG, GIF or WebP; checked by content)',
    security: bearer,
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
      ...errorResponses(400, 401, 403, 404, 409, 413, 415),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: `${base}/{id}/cover`,
    tags: ['uploads'],
    summary: 'Remove the cover image',
    security: bearer,
    request: { params: IdParamsSchema },
    responses: { 200: jsonResponse('The post.', PostSchema), ...errorResponses(400, 401, 403, 404, 409) },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/{id}/comments`,
    tags: ['comments'],
    summary: 'Comments of a post, oldest first, paginated',
    request: { params: IdParamsSchema, query: CommentListQuerySchema },
    responses: { 200: jsonResponse('A page of comments.', CommentPageSchema), ...errorResponses(400, 401, 404) },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/{id}/comments`,
    tags: ['comments'],
    summary: "Comment on a published post; the post's author is emailed in the background",
    security: bearer,
    request: { params: IdParamsSchema, body: jsonBody(CommentInputSchema) },
    responses: { 201: jsonResponse('The comment.', CommentSchema), ...errorResponses(400, 401, 404, 409, 413) },
  });
  registry.registerPath({
    method: 'delete',
    path: `${base}/{id}/comments/{commentId}`,
    tags: ['comments'],
    summary: "Delete a comment (the post's author, the comment's author or an admin)",
    security: bearer,
    request: { params: CommentParamsSchema },
    responses: { 204: { description: 'Deleted.' }, ...errorResponses(400, 401, 403, 404) },
  });
  registry.registerPath({
    method: 'get',
    path: '/uploads/{name}',
    tags: ['uploads'],
    summary: 'A stored cover image, with its checked content type and nosniff',
    request: { params: z.object({ name: z.string() }) },
    responses: {
      200: {
        description: 'The image.',
        content: { 'image/*': { schema: z.string().meta({ type: 'string', format: 'binary' }) } },
      },
      ...problemResponses(404),
    },
  });
}

export function createOpenApiDocument(): OpenApiDocument {
  const registry = createApiRegistry();
  registerBearerAuth(registry);
  registerHealthPaths(registry);
  registerCategoryPaths(registry);
  registerPostPaths(registry);
  return buildOpenApiDocument(registry, {
    title: 'Blog API',
    version: '1.0.0',
    description:
      'Phases 4 and 5 of the backend roadmap: posts with a review workflow, categories, comments with ' +
      'email notifications, cover uploads. Errors are RFC 9457 problem+json.',
  });
}
