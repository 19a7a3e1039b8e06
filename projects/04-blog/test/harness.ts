/**
 * One isolated blog per test file, on the shared harness: its own MongoDB database, Redis prefix
 * (Bull queue), SMTP sink, upload directory and token issuer; every response is checked against the
 * OpenAPI document. `buildBlog` is the stack without hooks, for the benchmark.
 */
import { readdir } from 'node:fs/promises';
import { createTestIssuer } from '@roadmap/auth';
import type { Logger } from '@roadmap/core';
import { testServices, useHarness, type TestContext } from '@roadmap/testing';
import { createApp, createOpenApiDocument, createRepositories, ensureIndexes } from '../src/app.js';
import { startCommentEmails } from '../src/jobs/comment-email.js';
import { createCategoryModel } from '../src/modules/categories/category.model.js';
import { createCommentModel } from '../src/modules/comments/comment.model.js';
import { createPostModel } from '../src/modules/posts/post.model.js';

export interface BlogHarnessOptions {
  maxUploadBytes?: number;
  mailAttempts?: number;
  mailBackoffMs?: number;
  /** Send the emails to this SMTP server instead of the sink (e.g. one that never answers). */
  smtpUrl?: string;
  /** Defaults to the harness's silent logger. */
  logger?: Logger;
}

export async function buildBlog(ctx: TestContext, options: BlogHarnessOptions = {}) {
  const logger = options.logger ?? ctx.logger;
  const db = await ctx.mongo();
  const redis = await ctx.redis();
  const smtp = await ctx.smtp();
  const uploadDir = await ctx.tempDir();
  await ensureIndexes(createRepositories(db.connection));
  const mail = startCommentEmails({
    redisUrl: testServices.redisUrl,
    prefix: redis.prefix.replace(/:$/, ''),
    smtpUrl: options.smtpUrl ?? `smtp://${smtp.host}:${smtp.port}`,
    from: 'Blog <no-reply@blog.test>',
    attempts: options.mailAttempts ?? 4,
    backoffMs: options.mailBackoffMs ?? 50,
    logger,
    worker: true,
  });
  ctx.onCleanup(() => mail.close());
  const issuer = createTestIssuer();
  const app = createApp({
    logger,
    connection: db.connection,
    verifier: issuer.verifier,
    notifier: mail,
    uploadDir,
    maxUploadBytes: options.maxUploadBytes ?? 200_000,
    publicUrl: 'http://blog.test',
    readinessChecks: { redis: () => redis.redis.ping() },
  });
  return {
    app,
    smtp,
    mail,
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
