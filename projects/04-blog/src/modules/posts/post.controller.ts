/** HTTP <-> PostService. */
import { currentUser } from '@roadmap/auth';
import {
  publicPath,
  ValidationError,
  type IdParams,
  type NoParams,
  type Page,
  type PublicRequest,
} from '@roadmap/core';
import type { Request, Response } from 'express';
import type {
  MyPostsQuery,
  PostInput,
  PostListQuery,
  PostPatch,
  RejectInput,
  ReviewQueueQuery,
} from './post.schemas.js';
import type { PostCoverService } from './post-cover.service.js';
import type { PostService } from './post.service.js';
import type { PostAction } from './post.status.js';

type WithCover = { coverImageUrl: string | null };

/**
 * The service gives a cover's path in this app (/uploads/x.jpg); the answer gives it as this caller
 * reaches the blog (/blog/uploads/x.jpg through the edge), as every Location does.
 */
function sendPost(req: PublicRequest, res: Response, post: WithCover): void {
  res.json(publicCover(req, res, post));
}

function sendPage(req: PublicRequest, res: Response, page: Page<WithCover>): void {
  res.json({ ...page, data: page.data.map((post) => publicCover(req, res, post)) });
}

function publicCover<T extends WithCover>(req: PublicRequest, res: Response, post: T): T {
  return post.coverImageUrl === null ? post : { ...post, coverImageUrl: publicPath(req, res, post.coverImageUrl) };
}

export function createPostController(posts: PostService, covers: PostCoverService) {
  const act = (action: Exclude<PostAction, 'reject'>) => async (req: Request<IdParams>, res: Response) => {
    sendPost(req, res, await posts.act(currentUser(req), req.params.id, action));
  };
  return {
    async list(req: Request<NoParams, unknown, unknown, PostListQuery>, res: Response) {
      sendPage(req, res, await posts.list(req.user, req.query));
    },
    async listMine(req: Request<NoParams, unknown, unknown, MyPostsQuery>, res: Response) {
      sendPage(req, res, await posts.listMine(currentUser(req), req.query));
    },
    async reviewQueue(req: Request<NoParams, unknown, unknown, ReviewQueueQuery>, res: Response) {
      sendPage(req, res, await posts.reviewQueue(req.query));
    },
    async create(req: Request<NoParams, unknown, PostInput>, res: Response) {
      const post = await posts.create(currentUser(req), req.body);
      res.status(201).location(publicPath(req, res, `${req.baseUrl}/${post.id}`));
      sendPost(req, res, post);
    },
    async get(req: Request<IdParams>, res: Response) {
      sendPost(req, res, await posts.get(req.user, req.params.id));
    },
    async getBySlug(req: Request<{ slug: string }>, res: Response) {
      sendPost(req, res, await posts.getBySlug(req.user, req.params.slug));
    },
    async update(req: Request<IdParams, unknown, PostPatch>, res: Response) {
      sendPost(req, res, await posts.update(currentUser(req), req.params.id, req.body));
    },
    async delete(req: Request<IdParams>, res: Response) {
      await posts.delete(currentUser(req), req.params.id);
      res.status(204).end();
    },
    submit: act('submit'),
    withdraw: act('withdraw'),
    approve: act('approve'),
    async reject(req: Request<IdParams, unknown, RejectInput>, res: Response) {
      sendPost(req, res, await posts.act(currentUser(req), req.params.id, 'reject', req.body.reason));
    },
    async setCover(req: Request<IdParams>, res: Response) {
      if (!req.file) {
        throw new ValidationError([{ field: 'file.cover', message: 'send the image as multipart field "cover"' }]);
      }
      sendPost(req, res, await covers.setCover(currentUser(req), req.params.id, req.file.buffer));
    },
    async removeCover(req: Request<IdParams>, res: Response) {
      sendPost(req, res, await covers.removeCover(currentUser(req), req.params.id));
    },
  };
}
