/** Reads configuration, connects MongoDB, Redis and the mail path, listens, and shuts down gracefully. */
import { createVerifierFromEnv } from '@roadmap/auth';
import { createLifecycle, createLogger, runServer, startOrExit } from '@roadmap/core';
import { connectMongo } from '@roadmap/core/mongo';
import { createSmtpTransport, messageIdDomainOf, retryFromEnv } from '@roadmap/mail';
import { openMongoMailOutbox } from '@roadmap/mail/mongo';
import { boundsFromEnv, createQueueRedis } from '@roadmap/redis';
import { createApp, createRepositories, ensureIndexes, owedMailSources } from './app.js';
import { loadBlogConfig, realWorldSettings } from './config.js';
import { UploadStorage } from './modules/media/index.js';

startOrExit(async () => {
  const config = loadBlogConfig();
  const logger = createLogger({ name: 'blog', level: config.LOG_LEVEL });
  const lifecycle = createLifecycle();
  const connection = await connectMongo({
    url: config.MONGO_URL,
    defaultDbName: 'blog',
    timeoutMs: config.MONGO_TIMEOUT_MS,
  });
  const repositories = createRepositories(connection);
  await ensureIndexes(repositories);
  const queueRedis = createQueueRedis(config.REDIS_URL, { logger, name: 'blog', bounds: boundsFromEnv(config) });
  const mail = await openMongoMailOutbox({
    connection,
    redis: queueRedis,
    prefix: config.QUEUE_PREFIX,
    logger,
    retry: retryFromEnv(config),
    sources: owedMailSources(repositories),
  });
  const transport = createSmtpTransport(config.SMTP_URL);
  if (config.MAIL_WORKER) {
    mail.startDelivery({ transport, from: config.MAIL_FROM, messageIdDomain: messageIdDomainOf(config.MAIL_FROM) });
  }
  await new UploadStorage(config.UPLOAD_DIR, logger).init();
  const app = createApp({
    logger,
    lifecycle,
    connection,
    verifier: createVerifierFromEnv(config),
    mail,
    uploadDir: config.UPLOAD_DIR,
    maxUploadBytes: config.UPLOAD_MAX_BYTES,
    publicUrl: config.PUBLIC_URL,
    trustProxy: config.TRUST_PROXY,
    jsonLimit: config.JSON_BODY_LIMIT,
    readinessChecks: { redis: queueRedis.readiness },
    realWorld: realWorldSettings(config),
  });
  await runServer({
    app,
    host: config.HOST,
    port: config.PORT,
    logger,
    lifecycle,
    graceSeconds: config.SHUTDOWN_GRACE_SECONDS,
    drainSeconds: config.SHUTDOWN_DRAIN_SECONDS,
    closers: [
      { name: 'mail', stage: 'queues', close: () => mail.close() },
      { name: 'smtp', stage: 'mail', close: () => transport.close() },
      { name: 'redis', stage: 'redis', close: () => queueRedis.close() },
      { name: 'mongodb', stage: 'databases', close: () => connection.close() },
    ],
  });
});
