/** Reads configuration, connects MongoDB, Redis and the mail queue, listens, and shuts down gracefully. */
import { createVerifierFromEnv } from '@roadmap/auth';
import { connectMongo, createLifecycle, createLogger, runServer, startOrExit } from '@roadmap/core';
import { Redis } from 'ioredis';
import { createApp, createRepositories, ensureIndexes } from './app.js';
import { loadBlogConfig } from './config.js';
import { startCommentEmails } from './jobs/comment-email.js';
import { UploadStorage } from './modules/media/index.js';

startOrExit(async () => {
  const config = loadBlogConfig();
  const logger = createLogger({ name: 'blog', level: config.LOG_LEVEL });
  const lifecycle = createLifecycle();
  const connection = await connectMongo({ url: config.MONGO_URL, defaultDbName: 'blog' });
  await ensureIndexes(createRepositories(connection));
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2 });
  const mail = startCommentEmails({
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    smtpUrl: config.SMTP_URL,
    from: config.MAIL_FROM,
    attempts: config.MAIL_ATTEMPTS,
    backoffMs: config.MAIL_BACKOFF_MS,
    logger,
    worker: config.MAIL_WORKER,
  });
  await new UploadStorage(config.UPLOAD_DIR, logger).init();
  const app = createApp({
    logger,
    lifecycle,
    connection,
    verifier: createVerifierFromEnv(config),
    notifier: mail,
    uploadDir: config.UPLOAD_DIR,
    maxUploadBytes: config.UPLOAD_MAX_BYTES,
    publicUrl: config.PUBLIC_URL,
    jsonLimit: config.JSON_BODY_LIMIT,
    readinessChecks: { redis: () => redis.ping() },
  });
  await runServer({
    app,
    host: config.HOST,
    port: config.PORT,
    logger,
    lifecycle,
    graceSeconds: config.SHUTDOWN_GRACE_SECONDS,
    closers: [
      { name: 'mongodb', stage: 'databases', close: () => connection.close() },
      { name: 'redis', stage: 'redis', close: () => redis.quit() },
      { name: 'mail-queue', stage: 'queues', close: () => mail.close() },
    ],
  });
});
