/** createApp(deps) -> the blog as an Express app. No listening, no global connections. */
import type { AccessTokenVerifier } from '@roadmap/auth';
import {
  buildOpenApiDocument,
  createApiRegistry,
  createBaseApp,
  docsRoutes,
  finishApp,
  healthRoutes,
  methodNotAllowed,
  registerBearerAuth,
  registerHealthPaths,
  type Lifecycle,
  type Logger,
  type OpenApiDocument,
  type ReadinessCheck,
  type TrustProxy,
} from '@roadmap/core';
import { mongoReadiness } from '@roadmap/core/mongo';
import { defineRepositorySet } from '@roadmap/mail/mongo';
import type { Express } from 'express';
import type { Connection } from 'mongoose';
import {
  CategoryRepository,
  categoryRoutes,
  CategoryService,
  registerCategoryPaths,
} from './modules/categories/index.js';
import {
  CommentRepository,
  commentRoutes,
  CommentService,
  registerCommentPaths,
  type OwedMailRelay,
} from './modules/comments/index.js';
import { registerMediaPaths, UPLOADS_PATH, uploadRoutes, UploadStorage } from './modules/media/index.js';
import { FavoriteRepository, FavoriteService } from './modules/favorites/index.js';
import { FollowRepository, FollowService } from './modules/follows/index.js';
import { PostCoverService, PostRepository, postRoutes, PostService, registerPostPaths } from './modules/posts/index.js';
import {
  AuthorDirectory,
  AuthServiceClient,
  RealWorldArticleService,
  realWorldErrors,
  realWorldRoutes,
  RealWorldUserService,
  registerRealWorldPaths,
} from './modules/realworld/index.js';

export const API_BASE = '/api/v1';
export const POSTS_PATH = `${API_BASE}/posts`;
export const CATEGORIES_PATH = `${API_BASE}/categories`;
/** The RealWorld (Conduit) API, for RealWorld frontends: `API_URL=http://localhost:3004/realworld/api`. */
export const REALWORLD_PATH = '/realworld/api';

export function createOpenApiDocument(): OpenApiDocument {
  const registry = createApiRegistry();
  registerBearerAuth(registry);
  registerHealthPaths(registry);
  registerCategoryPaths(registry, CATEGORIES_PATH);
  registerPostPaths(registry, POSTS_PATH);
  registerCommentPaths(registry, `${POSTS_PATH}/{id}/comments`);
  registerMediaPaths(registry);
  registerRealWorldPaths(registry, REALWORLD_PATH);
  return buildOpenApiDocument(registry, {
    title: 'Blog API',
    version: '1.0.0',
    description:
      'Phases 4 and 5 of the backend roadmap: posts with a review workflow, categories, comments with ' +
      'email notifications, cover uploads. Errors are RFC 9457 problem+json. Under /realworld/api the ' +
      'same posts and comments speak the RealWorld (Conduit) API, with its own error shape.',
  });
}

export interface BlogAppDeps {
  logger: Logger;
  connection: Connection;
  verifier: AccessTokenVerifier;
  /** The mail path (a MailOutbox): comments hand it the email they owe. */
  mail: OwedMailRelay;
  uploadDir: string;
  maxUploadBytes?: number;
  /** Where emails link to the blog (PUBLIC_URL): links made without a request. */
  publicUrl?: string;
  /** The proxies whose X-Forwarded-* headers are believed (TRUST_PROXY); none by default. */
  trustProxy?: TrustProxy;
  /** Readiness checks beyond MongoDB, e.g. `{ redis: queueRedis.readiness }`. */
  readinessChecks?: Record<string, ReadinessCheck>;
  lifecycle?: Lifecycle;
  jsonLimit?: string;
  now?: () => Date;
  /** The RealWorld mount: where the auth service is, and whether its articles skip review. */
  realWorld?: RealWorldSettings;
}

export interface RealWorldSettings {
  /** The auth service's base URL (AUTH_URL). */
  authUrl: string;
  /** The longest wait for one call to the auth service (AUTH_TIMEOUT_MS). */
  authTimeoutMs: number;
  /** Articles created through the mount are published at once (REALWORLD_AUTO_PUBLISH). */
  autoPublish: boolean;
}

const DEFAULT_REALWORLD: RealWorldSettings = {
  authUrl: 'http://127.0.0.1:3003',
  authTimeoutMs: 3000,
  autoPublish: true,
};

/** The only objects that query the database: one per collection. */
export interface Repositories {
  categories: CategoryRepository;
  posts: PostRepository;
  comments: CommentRepository;
  follows: FollowRepository;
  favorites: FavoriteRepository;
}

/**
 * The repositories on one connection, and what every process does with them: build their indexes
 * and hand the mail path the collections that carry owed mail (comments).
 */
export const { createRepositories, owedMailSources, ensureIndexes } = defineRepositorySet<Repositories>({
  create: (connection) => ({
    categories: new CategoryRepository(connection),
    posts: new PostRepository(connection),
    comments: new CommentRepository(connection),
    follows: new FollowRepository(connection),
    favorites: new FavoriteRepository(connection),
  }),
  owedMail: (repositories, store) => [repositories.comments.owedMailSource(store)],
});

export function createApp(deps: BlogAppDeps): Express {
  const repositories = createRepositories(deps.connection);
  const storage = new UploadStorage(deps.uploadDir, deps.logger);
  // Where one feature must tell another something, it gets the other's repository here, so no two
  // features import each other: categories ask posts about their use; a deleted post drops its comments
  // and its favorites.
  const favorites = new FavoriteService(repositories.favorites);
  const posts = new PostService({
    posts: repositories.posts,
    categories: repositories.categories,
    storage,
    dependents: {
      postDeleted: async (postId) => {
        await repositories.comments.deleteAllOfPost(postId);
        await favorites.postDeleted(postId);
      },
    },
    logger: deps.logger,
    now: deps.now,
  });
  const covers = new PostCoverService({ posts: repositories.posts, storage, reader: posts });
  const publicUrl = (deps.publicUrl ?? 'http://localhost:3004').replace(/\/$/, '');
  const comments = new CommentService({
    comments: repositories.comments,
    posts,
    postCounts: repositories.posts,
    mail: deps.mail,
    postLink: (slug) => `${publicUrl}${POSTS_PATH}/by-slug/${slug}`,
    ...(deps.now ? { now: deps.now } : {}),
  });
  const categories = new CategoryService({
    categories: repositories.categories,
    posts: {
      countIn: (categoryId) => repositories.posts.countInCategory(categoryId),
      moveAll: (from, to) => repositories.posts.moveCategory(from, to),
    },
  });

  const realWorld = deps.realWorld ?? DEFAULT_REALWORLD;
  const authService = new AuthServiceClient({ baseUrl: realWorld.authUrl, timeoutMs: realWorld.authTimeoutMs });
  const follows = new FollowService(repositories.follows);
  const realWorldUsers = new RealWorldUserService(authService, follows);
  const realWorldArticles = new RealWorldArticleService({
    posts,
    postQueries: repositories.posts,
    comments,
    favorites,
    follows,
    authors: new AuthorDirectory(authService, follows),
    auth: authService,
    autoPublish: realWorld.autoPublish,
  });

  const app = createBaseApp({ logger: deps.logger, jsonLimit: deps.jsonLimit ?? '200kb', trustProxy: deps.trustProxy });
  app.use(
    healthRoutes({
      isDraining: () => deps.lifecycle?.isDraining() ?? false,
      checks: { mongo: mongoReadiness(deps.connection), ...deps.readinessChecks },
    }),
  );
  const document = createOpenApiDocument();
  app.use(docsRoutes(document));
  app.use(methodNotAllowed(document));
  app.use(CATEGORIES_PATH, categoryRoutes(categories, deps.verifier));
  app.use(`${POSTS_PATH}/:id/comments`, commentRoutes(comments, deps.verifier));
  app.use(
    POSTS_PATH,
    postRoutes({ posts, covers, verifier: deps.verifier, maxUploadBytes: deps.maxUploadBytes ?? 2_000_000 }),
  );
  app.use(UPLOADS_PATH, uploadRoutes(storage));
  // The error handler sits beside the routes, so errors raised before them (a body the JSON parser
  // refused, a 405) get RealWorld's shape on this mount too.
  app.use(
    REALWORLD_PATH,
    realWorldRoutes({ users: realWorldUsers, articles: realWorldArticles, verifier: deps.verifier }),
    realWorldErrors(),
  );
  return finishApp(app);
}
