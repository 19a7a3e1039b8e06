/** Post, workflow and cover paths: authentication, then validation, then the controller. */
import { optionalAuth, requireAuth, requireRole, type AccessTokenVerifier } from '@roadmap/auth';
import { BadRequestError, IdParamsSchema, validate } from '@roadmap/core';
import { Router, type RequestHandler } from 'express';
import multer from 'multer';
import { createPostController } from './post.controller.js';
import {
  MyPostsQuerySchema,
  PostInputSchema,
  PostListQuerySchema,
  PostPatchSchema,
  RejectInputSchema,
  ReviewQueueQuerySchema,
  SlugParamsSchema,
} from './post.schemas.js';
import type { PostCoverService } from './post-cover.service.js';
import type { PostService } from './post.service.js';

export interface PostRoutesOptions {
  posts: PostService;
  covers: PostCoverService;
  verifier: AccessTokenVerifier;
  maxUploadBytes: number;
}

export function postRoutes({ posts, covers, verifier, maxUploadBytes }: PostRoutesOptions): Router {
  const controller = createPostController(posts, covers);
  const auth = requireAuth(verifier);
  const maybeAuth = optionalAuth(verifier);
  const byId = validate({ params: IdParamsSchema });
  // Memory storage: nothing touches the disk until the bytes are known to be an image.
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxUploadBytes, files: 1, fields: 0, parts: 2 },
  });
  const coverFile = readCoverFile(upload.single('cover'));

  const router = Router();
  // Routes with a parsed query register authentication as its own handler for the same path (Express
  // runs it, then the next match), so Express's types carry the parsed query through to the controller.
  router.get('/', maybeAuth);
  router.get('/', validate({ query: PostListQuerySchema }), controller.list);
  router.post('/', auth, validate({ body: PostInputSchema }), controller.create);
  router.get('/mine', auth);
  router.get('/mine', validate({ query: MyPostsQuerySchema }), controller.listMine);
  router.get('/review-queue', auth, requireRole('admin'));
  router.get('/review-queue', validate({ query: ReviewQueueQuerySchema }), controller.reviewQueue);
  router.get('/by-slug/:slug', maybeAuth, validate({ params: SlugParamsSchema }), controller.getBySlug);
  router.get('/:id', maybeAuth, byId, controller.get);
  router.patch('/:id', auth, validate({ params: IdParamsSchema, body: PostPatchSchema }), controller.update);
  router.delete('/:id', auth, byId, controller.delete);

  router.post('/:id/submit', auth, byId, controller.submit);
  router.post('/:id/withdraw', auth, byId, controller.withdraw);
  router.post('/:id/approve', auth, byId, controller.approve);
  router.post('/:id/reject', auth, validate({ params: IdParamsSchema, body: RejectInputSchema }), controller.reject);

  router.put('/:id/cover', auth, byId, coverFile, controller.setCover);
  router.delete('/:id/cover', auth, byId, controller.removeCover);

  return router;
}

/**
 * Multer reports its own limits as MulterError (the shared handler maps those), but a malformed
 * multipart body (no boundary, truncated parts) surfaces as a plain busboy Error: that is the
 * client's fault, so it becomes a 400 rather than a 500.
 */
function readCoverFile(single: RequestHandler): RequestHandler {
  return (req, res, next) => {
    single(req, res, (err?: unknown) => {
      if (err === undefined || err === null || err instanceof multer.MulterError) {
        next(err);
        return;
      }
      next(new BadRequestError('The multipart body could not be read; send the image as multipart field "cover".'));
    });
  };
}
