/** HTTP <-> the RealWorld services: read the validated request, call, answer in RealWorld's envelopes. */
import { currentUser } from '@roadmap/auth';
import { UnauthorizedError, type NoParams } from '@roadmap/core';
import type { Request, Response } from 'express';
import type { CallerAddress } from './auth-service.client.js';
import type { RealWorldArticleService } from './realworld-articles.service.js';
import type { RealWorldUserService } from './realworld-users.service.js';
import type {
  ArticleListQuery,
  FeedQuery,
  LoginRequest,
  NewArticleRequest,
  NewCommentRequest,
  RegisterRequest,
  UpdateArticleRequest,
  UpdateUserRequest,
} from './realworld.schemas.js';

type Slug = { slug: string };
type Username = { username: string };

/** The caller's access token as sent (the auth middleware accepted it; `Token` was made `Bearer`). */
function tokenOf(req: Request): string {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!match?.[1]) throw new UnauthorizedError();
  return match[1];
}

function addressOf(req: Request): CallerAddress {
  return { forwardedFor: req.ip };
}

export function createRealWorldController(users: RealWorldUserService, articles: RealWorldArticleService) {
  return {
    async register(req: Request<NoParams, unknown, RegisterRequest>, res: Response) {
      res.status(201).json({ user: await users.register(req.body.user, addressOf(req)) });
    },
    async login(req: Request<NoParams, unknown, LoginRequest>, res: Response) {
      res.json({ user: await users.login(req.body.user, addressOf(req)) });
    },
    async currentUser(req: Request, res: Response) {
      res.json({ user: await users.current(tokenOf(req)) });
    },
    async updateUser(req: Request<NoParams, unknown, UpdateUserRequest>, res: Response) {
      res.json({ user: await users.update(tokenOf(req), req.body.user) });
    },
    async profile(req: Request<Username>, res: Response) {
      res.json({ profile: await users.profile(req.user?.id, req.params.username) });
    },
    async follow(req: Request<Username>, res: Response) {
      res.json({ profile: await users.follow(currentUser(req).id, req.params.username) });
    },
    async unfollow(req: Request<Username>, res: Response) {
      res.json({ profile: await users.unfollow(currentUser(req).id, req.params.username) });
    },
    async listArticles(req: Request<NoParams, unknown, unknown, ArticleListQuery>, res: Response) {
      res.json(await articles.list(req.user, req.query));
    },
    async feed(req: Request<NoParams, unknown, unknown, FeedQuery>, res: Response) {
      res.json(await articles.feed(currentUser(req), req.query));
    },
    async getArticle(req: Request<Slug>, res: Response) {
      res.json({ article: await articles.get(req.user, req.params.slug) });
    },
    async createArticle(req: Request<NoParams, unknown, NewArticleRequest>, res: Response) {
      res.status(201).json({ article: await articles.create(currentUser(req), req.body.article) });
    },
    async updateArticle(req: Request<Slug, unknown, UpdateArticleRequest>, res: Response) {
      res.json({ article: await articles.update(currentUser(req), req.params.slug, req.body.article) });
    },
    async deleteArticle(req: Request<Slug>, res: Response) {
      await articles.delete(currentUser(req), req.params.slug);
      res.status(204).end();
    },
    async favorite(req: Request<Slug>, res: Response) {
      res.json({ article: await articles.favorite(currentUser(req), req.params.slug) });
    },
    async unfavorite(req: Request<Slug>, res: Response) {
      res.json({ article: await articles.unfavorite(currentUser(req), req.params.slug) });
    },
    async comments(req: Request<Slug>, res: Response) {
      res.json({ comments: await articles.comments(req.user, req.params.slug) });
    },
    async addComment(req: Request<Slug, unknown, NewCommentRequest>, res: Response) {
      const comment = await articles.addComment(currentUser(req), req.params.slug, req.body.comment.body);
      res.status(201).json({ comment });
    },
    async deleteComment(req: Request<{ slug: string; id: string }>, res: Response) {
      await articles.deleteComment(currentUser(req), req.params.slug, req.params.id);
      res.status(204).end();
    },
    async tags(_req: Request, res: Response) {
      res.json({ tags: await articles.tags() });
    },
  };
}
