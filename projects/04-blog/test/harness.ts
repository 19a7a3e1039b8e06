/**
 * One isolated blog per test file, on the shared harness: its own MongoDB database, Redis prefix
 * (the mail queue), SMTP sink, upload directory and token issuer; every response is checked against
 * the OpenAPI document. Mail is retried every 50-500 ms so an outage of seconds stands for hours.
 * With `faults`, Redis, SMTP and/or MongoDB are reached through fault proxies the test can cut.
 * `buildBlog` is the stack without hooks, for the benchmark.
 */
import { readdir } from 'node:fs/promises';
import { type AccessTokenVerifier } from '@roadmap/auth';
import { createTestIssuer } from '@roadmap/auth/testing';
import type { Logger, TrustProxy } from '@roadmap/core';
import type { MailRetryPolicy } from '@roadmap/mail';
import { startTestMailPath } from '@roadmap/mail/testing';
import { useHarness, type TestContext } from '@roadmap/testing';
import {
  createApp,
  createOpenApiDocument,
  createRepositories,
  ensureIndexes,
  owedMailSources,
  type RealWorldSettings,
} from '../src/app.js';
import { createCategoryModel } from '../src/modules/categories/category.model.js';
import { createCommentModel } from '../src/modules/comments/comment.model.js';
import { createPostModel } from '../src/modules/posts/post.model.js';

const MESSAGE_ID_DOMAIN = 'blog.test';

export interface BlogHarnessOptions {
  maxUploadBytes?: number;
  mailRetry?: Partial<MailRetryPolicy>;
  /** Put fault proxies between the app and these services. */
  faults?: { redis?: boolean; smtp?: boolean; mongo?: boolean };
  /** Defaults to the harness's silent logger. */
  logger?: Logger;
  /** Trust these tokens (a real auth service's) instead of the test issuer's. */
  verifier?: AccessTokenVerifier;
  /** The RealWorld mount's auth service and publishing switch. */
  realWorld?: RealWorldSettings;
  /** Believe the X-Forwarded-* headers of these proxies (the edge test: loopback). */
  trustProxy?: TrustProxy;
}

export async function buildBlog(ctx: TestContext, options: BlogHarnessOptions = {}) {
  const logger = options.logger ?? ctx.logger;
  const db = await ctx.mongo();
  const redis = await ctx.redis();
  const smtp = await ctx.smtp();
  const uploadDir = await ctx.tempDir();
  await ensureIndexes(createRepositories(db.connection));
  // The app reaches its services through fault proxies where asked; the test reads state directly.
  const { proxies, ...urls } = await ctx.endpoints(options.faults);
  const connection = await ctx.mongoConnection(options.faults?.mongo);
  const mailPath = await startTestMailPath({
    ...urls,
    connection,
    prefix: redis.prefix,
    logger,
    sources: owedMailSources(createRepositories(connection)),
    from: 'Blog <no-reply@blog.test>',
    messageIdDomain: MESSAGE_ID_DOMAIN,
    ...(options.mailRetry ? { retry: options.mailRetry } : {}),
  });
  ctx.onCleanup(() => mailPath.close());
  const mail = mailPath.outbox;
  const issuer = createTestIssuer();
  const app = createApp({
    logger,
    connection,
    verifier: options.verifier ?? issuer.verifier,
    mail,
    uploadDir,
    maxUploadBytes: options.maxUploadBytes ?? 200_000,
    publicUrl: 'http://blog.test',
    readinessChecks: { redis: mailPath.queueRedis.readiness },
    ...(options.realWorld ? { realWorld: options.realWorld } : {}),
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
  });
  return {
    app,
    smtp,
    mail,
    messageIdOf: mailPath.messageIdOf,
    proxies,
    issuer,
    /** The models on the test's connection, to arrange and check stored state directly. */
    models: {
      Category: createCategoryModel(db.connection),
      Post: createPostModel(db.connection),
      Comment: createCommentModel(db.connection),
    },
    /** Files currently in the upload directory. */
    uploadedFiles: () => readdir(uploadDir),
  };
}

/**
 * Registers the hooks of an API test file (see useHarness). `options` may be a function, for values
 * known only once earlier hooks have run.
 */
export function useBlogHarness(name: string, options: BlogHarnessOptions | (() => BlogHarnessOptions) = {}) {
  return useHarness(name, (ctx) => buildBlog(ctx, typeof options === 'function' ? options() : options), {
    openApi: createOpenApiDocument(),
  });
}

export type Harness = ReturnType<typeof useBlogHarness>;
