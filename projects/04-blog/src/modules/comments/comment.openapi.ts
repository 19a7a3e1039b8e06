/** The comment endpoints (under a post) in the OpenAPI document, from the validating schemas. */
import {
  apiProblemResponses,
  IdParamsSchema,
  jsonBody,
  jsonResponse,
  type OpenAPIRegistry,
  registerBearerAuth,
} from '@roadmap/core';
import {
  CommentInputSchema,
  CommentListQuerySchema,
  CommentPageSchema,
  CommentParamsSchema,
  CommentSchema,
} from './comment.schemas.js';

/** `base` is the comments path of a post, e.g. `/api/v1/posts/{id}/comments`. */
export function registerCommentPaths(registry: OpenAPIRegistry, base: string): void {
  const security = registerBearerAuth(registry);
  registry.registerPath({
    method: 'get',
    path: base,
    tags: ['comments'],
    summary: 'Comments of a post, oldest first, paginated',
    request: { params: IdParamsSchema, query: CommentListQuerySchema },
    responses: { 200: jsonResponse('A page of comments.', CommentPageSchema), ...apiProblemResponses(400, 401, 404) },
  });
  registry.registerPath({
    method: 'post',
    path: base,
    tags: ['comments'],
    summary: "Comment on a published post; the post's author is emailed in the background",
    security,
    request: { params: IdParamsSchema, body: jsonBody(CommentInputSchema) },
    responses: { 201: jsonResponse('The comment.', CommentSchema), ...apiProblemResponses(400, 401, 404, 409, 413) },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/{commentId}`,
    tags: ['comments'],
    summary: "One comment of a post (a new comment's Location)",
    request: { params: CommentParamsSchema },
    responses: { 200: jsonResponse('The comment.', CommentSchema), ...apiProblemResponses(400, 401, 404) },
  });
  registry.registerPath({
    method: 'delete',
    path: `${base}/{commentId}`,
    tags: ['comments'],
    summary: "Delete a comment (the post's author, the comment's author or an admin)",
    security,
    request: { params: CommentParamsSchema },
    responses: { 204: { description: 'Deleted.' }, ...apiProblemResponses(400, 401, 403, 404) },
  });
}
