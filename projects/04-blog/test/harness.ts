/**
 * One isolated blog per test file, on the shared harness: its own MongoDB database, Redis prefix
 * (the mail queue), SMTP sink, upload directory and token issuer; every response is checked against
 * the OpenAPI document. Mail is retried every 50-500 ms so an outage of seconds stands for hours.
 * With `faults`, Redis and/or SMTP are reached through fault proxies the test can cut.
 * `buildBlog` is the stack without hooks, for the benchmark.
 */
import { readdir } from 'node:fs/promises';
import { createTestIssuer } from '@roadmap/auth';
import { connectMongo, type Logger } from '@roadmap/core';
import { createSmtpTransport, type MailRetryPolicy, type SweepSettings } from '@roadmap/mail';
import { openMongoMailOutbox } from '@roadmap/mail/mongo';
import { createQueueRedis } from '@roadmap/redis';
import { testServices, useHarness, type FaultProxy, type TestContext } from '@roadmap/testing';
import { createApp, createOpenApiDocument, createRepositories, ensureIndexes, owedMailSources } from '../src/app.js';
import { createCategoryModel } from '../src/modules/categories/category.model.js';
import { createCommentModel } from '../src/modules/comments/comment.model.js';
import { createPostModel } from '../src/modules/posts/post.model.js';

export const MESSAGE_ID_DOMAIN = 'blog.test';
export const QUICK_MAIL_RETRY: MailRetryPolicy = { attempts: 40, baseDelayMs: 50, maxDelayMs: 500 };
const QUICK_SWEEP: Partial<SweepSettings> = { intervalMs: 500, enqueueAfterMs: 200, recheckAfterMs: 2000 };

export interface BlogHarnessOptions {
  maxUploadBytes?: number;
  mailRetry?: Partial<MailRetryPolicy>;
  /** Put fault proxies between the app and these services. */
  faults?: { redis?: boolean; smtp?: boolean; mongo?: boolean };
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
  const proxies: { redis?: FaultProxy; smtp?: FaultProxy; mongo?: FaultProxy } = {};
  if (options.faults?.redis) proxies.redis = await ctx.faultProxy('redis');
  if (options.faults?.smtp) proxies.smtp = await ctx.faultProxy('smtp');
  if (options.faults?.mongo) proxies.mongo = await ctx.faultProxy('mongo');
  // The app's own connection, through the proxy when asked; the test reads state on a direct one.
  const connection = proxies.mongo
    ? await connectMongo({ url: proxies.mongo.url(testServices.mongoUrl), dbName: db.dbName })
    : db.connection;
  if (connection !== db.connection) ctx.onCleanup(() => connection.close());
  const queueRedis = createQueueRedis(proxies.redis?.url(testServices.redisUrl) ?? testServices.redisUrl, {
    logger,
    name: 'blog-test',
  });
  ctx.onCleanup(() => queueRedis.close());
  const transport = createSmtpTransport(`smtp://${smtp.host}:${proxies.smtp?.port ?? smtp.port}`, {
    connectionTimeoutMs: 1000,
    greetingTimeoutMs: 1000,
    socketTimeoutMs: 2000,
  });
  ctx.onCleanup(() => transport.close());
  const mail = await openMongoMailOutbox({
    connection,
    redis: queueRedis,
    sources: owedMailSources(createRepositories(connection)),
    prefix: redis.prefix,
    logger,
    retry: options.mailRetry ?? QUICK_MAIL_RETRY,
    sweep: QUICK_SWEEP,
  });
  mail.startDelivery({
    transport,
    from: 'Blog <no-reply@blog.test>',
    messageIdDomain: MESSAGE_ID_DOMAIN,
    leaseMs: 8000,
  });
  ctx.onCleanup(() => mail.close(3000));
  const issuer = createTestIssuer();
  const app = createApp({
    logger,
    connection,
    verifier: issuer.verifier,
    mail,
    uploadDir,
    maxUploadBytes: options.maxUploadBytes ?? 200_000,
    publicUrl: 'http://blog.test',
    readinessChecks: { redis: queueRedis.readiness },
  });
  return {
    app,
    smtp,
    mail,
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
