/**
 * The RealWorld (Conduit) API under its own mount: CORS for browser frontends, `Authorization: Token
 * <jwt>` accepted beside `Bearer`, then auth -> validation -> controller. Mount it with
 * `realWorldErrors()` after it, for RealWorld-shaped errors.
 */
import { optionalAuth, requireAuth, type AccessTokenVerifier } from '@roadmap/auth';
import { validate } from '@roadmap/core';
import cors from 'cors';
import { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import { createRealWorldController } from './realworld.controller.js';
import { realWorldErrorHandler } from './realworld.errors.js';
import type { RealWorldArticleService } from './realworld-articles.service.js';
import type { RealWorldUserService } from './realworld-users.service.js';
import {
  ArticleListQuerySchema,
  CommentParamsSchema,
  FeedQuerySchema,
  LoginRequestSchema,
  NewArticleRequestSchema,
  NewCommentRequestSchema,
  RegisterRequestSchema,
  SlugParamsSchema,
  UpdateArticleRequestSchema,
  UpdateUserRequestSchema,
  UsernameParamsSchema,
} from './realworld.schemas.js';

export interface RealWorldRoutesOptions {
  users: RealWorldUserService;
  articles: RealWorldArticleService;
  verifier: AccessTokenVerifier;
}

/** RealWorld clients send `Token <jwt>`; the shared auth middleware reads `Bearer <jwt>`: same token. */
export function acceptTokenScheme(): RequestHandler {
  return (req, _res, next) => {
    const match = /^Token\s+(\S+)$/i.exec(req.headers.authorization?.trim() ?? '');
    if (match) req.headers.authorization = `Bearer ${match[1]}`;
    next();
  };
}

// Any origin: the token travels in a header, never in a cookie, so no credentials are shared.
const realWorldCors = cors({ maxAge: 600 });

/**
 * RealWorld-shaped errors with the mount's CORS headers, for errors raised before its routes run too
 * (a body the JSON parser refused, a method the document does not list), so a browser can read them.
 */
export function realWorldErrors(): ErrorRequestHandler {
  const answer = realWorldErrorHandler();
  return (err: unknown, req, res, next) => {
    realWorldCors(req, res, () => answer(err, req, res, next));
  };
}

export function realWorldRoutes({ users, articles, verifier }: RealWorldRoutesOptions): Router {
  const controller = createRealWorldController(users, articles);
  const auth = requireAuth(verifier);
  const maybeAuth = optionalAuth(verifier);
  const bySlug = validate({ params: SlugParamsSchema });
  const byUsername = validate({ params: UsernameParamsSchema });

  const router = Router();
  router.use(realWorldCors);
  router.use(acceptTokenScheme());

  router.post('/users', validate({ body: RegisterRequestSchema }), controller.register);
  router.post('/users/login', validate({ body: LoginRequestSchema }), controller.login);
  router.get('/user', auth, controller.currentUser);
  router.put('/user', auth, validate({ body: UpdateUserRequestSchema }), controller.updateUser);

  router.get('/profiles/:username', maybeAuth, byUsername, controller.profile);
  router.post('/profiles/:username/follow', auth, byUsername, controller.follow);
  router.delete('/profiles/:username/follow', auth, byUsername, controller.unfollow);

  router.get('/articles', maybeAuth);
  router.get('/articles', validate({ query: ArticleListQuerySchema }), controller.listArticles);
  router.get('/articles/feed', auth);
  router.get('/articles/feed', validate({ query: FeedQuerySchema }), controller.feed);
  router.post('/articles', auth, validate({ body: NewArticleRequestSchema }), controller.createArticle);
  router.get('/articles/:slug', maybeAuth, bySlug, controller.getArticle);
  router.put(
    '/articles/:slug',
    auth,
    validate({ params: SlugParamsSchema, body: UpdateArticleRequestSchema }),
    controller.updateArticle,
  );
  router.delete('/articles/:slug', auth, bySlug, controller.deleteArticle);
  router.post('/articles/:slug/favorite', auth, bySlug, controller.favorite);
  router.delete('/articles/:slug/favorite', auth, bySlug, controller.unfavorite);
  router.get('/articles/:slug/comments', maybeAuth, bySlug, controller.comments);
  router.post(
    '/articles/:slug/comments',
    auth,
    validate({ params: SlugParamsSchema, body: NewCommentRequestSchema }),
    controller.addComment,
  );
  router.delete(
    '/articles/:slug/comments/:id',
    auth,
    validate({ params: CommentParamsSchema }),
    controller.deleteComment,
  );

  router.get('/tags', controller.tags);
  return router;
}
