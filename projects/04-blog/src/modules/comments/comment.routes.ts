/**
 * The comments of a post, mounted at /api/v1/posts/:id/comments: anyone reads those of a post they
 * may see; signed-in users comment; authors, commenters and admins delete.
 */
import { optionalAuth, requireAuth, type AccessTokenVerifier } from '@roadmap/auth';
import { IdParamsSchema, validate } from '@roadmap/core';
import { Router } from 'express';
import { createCommentController } from './comment.controller.js';
import { CommentInputSchema, CommentListQuerySchema, CommentParamsSchema } from './comment.schemas.js';
import type { CommentService } from './comment.service.js';

export function commentRoutes(comments: CommentService, verifier: AccessTokenVerifier): Router {
  const controller = createCommentController(comments);
  const auth = requireAuth(verifier);
  // mergeParams: the post's :id comes from the path the router is mounted at.
  const router = Router({ mergeParams: true });
  // Authentication is its own handler for the path, so Express's types carry the parsed query through.
  router.get('/', optionalAuth(verifier));
  router.get('/', validate({ params: IdParamsSchema, query: CommentListQuerySchema }), controller.list);
  router.post('/', auth, validate({ params: IdParamsSchema, body: CommentInputSchema }), controller.create);
  router.get('/:commentId', optionalAuth(verifier), validate({ params: CommentParamsSchema }), controller.get);
  router.delete('/:commentId', auth, validate({ params: CommentParamsSchema }), controller.delete);
  return router;
}
