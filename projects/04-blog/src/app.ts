/** createApp(deps) -> the blog as an Express app. No listening, no global connections. */
import type { AccessTokenVerifier } from '@roadmap/auth';
import {
  createBaseApp,
  docsRoutes,
  finishApp,
  healthRoutes,
  mongoReadiness,
  type Lifecycle,
  type Logger,
} from '@roadmap/core';
import type { Express } from 'express';
import type { Connection } from 'mongoose';
import { createModels, type BlogModels } from './models.js';
import { categoryRoutes } from './modules/categories/category.routes.js';
import { CategoryService } from './modules/categories/category.service.js';
import { CommentService } from './modules/comments/comment.service.js';
import type { CommentNotifier } from './modules/notifications/comment-notifier.js';
import { postRoutes } from './modules/posts/post.routes.js';
import { PostService, UPLOADS_PATH } from './modules/posts/post.service.js';
import { uploadRoutes } from './modules/media/upload.routes.js';
import { UploadStorage } from './modules/media/upload.storage.js';
import { API_BASE, createOpenApiDocument } from './openapi.js';

export interface BlogAppDeps {
  logger: Logger;
  connection: Connection;
  verifier: AccessTokenVerifier;
  notifier: CommentNotifier;
  uploadDir: string;
  maxUploadBytes?: number;
  publicUrl?: string;
  /** Readiness checks beyond MongoDB, e.g. `{ redis: () => redis.ping() }`. */
  readinessChecks?: Record<string, () => Promise<unknown>>;
  lifecycle?: Lifecycle;
  jsonLimit?: string;
  now?: () => Date;
  models?: BlogModels;
}

export function createApp(deps: BlogAppDeps): Express {
  const models = deps.models ?? createModels(deps.connection);
  const storage = new UploadStorage(deps.uploadDir, deps.logger);
  const posts = new PostService({ models, storage, logger: deps.logger, now: deps.now });
  const comments = new CommentService({
    models,
    posts,
    notifier: deps.notifier,
    logger: deps.logger,
    publicUrl: deps.publicUrl ?? 'http://localhost:3004',
  });
  const categories = new CategoryService(models);

  const app = createBaseApp({ logger: deps.logger, jsonLimit: deps.jsonLimit ?? '200kb' });
  app.use(
    healthRoutes({
      isDraining: () => deps.lifecycle?.isDraining() ?? false,
      checks: {
        mongo: mongoReadiness(deps.connection),
        ...deps.readinessChecks,
      },
    }),
  );
  app.use(docsRoutes(createOpenApiDocument()));
  app.use(`${API_BASE}/categories`, categoryRoutes(categories, deps.verifier));
  app.use(
    `${API_BASE}/posts`,
    postRoutes({ posts, comments, verifier: deps.verifier, maxUploadBytes: deps.maxUploadBytes ?? 2_000_000 }),
  );
  app.use(UPLOADS_PATH, uploadRoutes(storage));
  return finishApp(app);
}
