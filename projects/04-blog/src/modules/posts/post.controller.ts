/** HTTP <-> PostService. */
import { currentUser } from '@roadmap/auth';
import { ValidationError, type IdParams, type NoParams } from '@roadmap/core';
import type { Request, Response } from 'express';
import type {
  MyPostsQuery,
  PostInput,
  PostListQuery,
  PostPatch,
  RejectInput,
  ReviewQueueQuery,
} from './post.schemas.js';
import type { PostService } from './post.service.js';
import type { PostAction } from './post.status.js';

export function createPostController(posts: PostService) {
  const act = (action: Exclude<PostAction, 'reject'>) => async (req: Request<IdParams>, res: Response) => {
    res.json(await posts.act(currentUser(req), req.params.id, action));
  };
  return {
    async list(req: Request<NoParams, unknown, unknown, PostListQuery>, res: Response) {
      res.json(await posts.list(req.user, req.query));
    },
    async listMine(req: Request<NoParams, unknown, unknown, MyPostsQuery>, res: Response) {
      res.json(await posts.listMine(currentUser(req), req.query));
    },
    async reviewQueue(req: Request<NoParams, unknown, unknown, ReviewQueueQuery>, res: Response) {
      res.json(await posts.reviewQueue(req.query));
    },
    async create(req: Request<NoParams, unknown, PostInput>, res: Response) {
      const post = await posts.create(currentUser(req), req.body);
      res.status(201).location(`${req.baseUrl}/${post.id}`).json(post);
    },
    async get(req: Request<IdParams>, res: Response) {
      res.json(await posts.get(req.user, req.params.id));
    },
    async getBySlug(req: Request<{ slug: string }>, res: Response) {
      res.json(await posts.getBySlug(req.user, req.params.slug));
    },
    async update(req: Request<IdParams, unknown, PostPatch>, res: Response) {
      res.json(await posts.update(currentUser(req), req.params.id, req.body));
    },
    async delete(req: Request<IdParams>, res: Response) {
      await posts.delete(currentUser(req), req.params.id);
      res.status(204).end();
    },
    submit: act('submit'),
    withdraw: act('withdraw'),
    approve: act('approve'),
    async reject(req: Request<IdParams, unknown, RejectInput>, res: Response) {
      res.json(await posts.act(currentUser(req), req.params.id, 'reject', req.body.reason));
    },
    async setCover(req: Request<IdParams>, res: Response) {
      if (!req.file) {
        throw new ValidationError([{ field: 'file.cover', message: 'send the image as multipart field "cover"' }]);
      }
      res.json(await posts.setCover(currentUser(req), req.params.id, req.file.buffer));
    },
    async removeCover(req: Request<IdParams>, res: Response) {
      res.json(await posts.removeCover(currentUser(req), req.params.id));
    },
  };
}
