/** Reads configuration, connects MongoDB and Redis, builds the app, listens, shuts down gracefully. */
import { PasswordHasher } from '@roadmap/auth';
import { connectMongo, createLifecycle, createLogger, runServer, startOrExit } from '@roadmap/core';
import { Redis } from 'ioredis';
import { createApp, createRepositories, ensureIndexes } from './app.js';
import { DEFAULT_DB_NAME, loadAuthConfig, settingsFromConfig } from './config.js';
import { BackgroundTasks } from './jobs/background-tasks.js';
import { startDataRetention } from './jobs/data-retention.js';
import { loadSigningKey } from './modules/keys/index.js';
import { createLoggingMailer, createSmtpMailer } from './modules/mail/index.js';

startOrExit(async () => {
  const config = loadAuthConfig();
  const logger = createLogger({ name: 'auth-service', level: config.LOG_LEVEL });
  const lifecycle = createLifecycle();
  const signingKey = loadSigningKey(config, logger);
  if (config.JWT_PREVIOUS_PUBLIC_KEYS.length > 0) {
    logger.info(
      { kid: signingKey.kid, previousKids: config.JWT_PREVIOUS_PUBLIC_KEYS.map((key) => key.kid) },
      'key rotation: previous public keys are still published and accepted',
    );
  }

  const connection = await connectMongo({ url: config.MONGO_URL, defaultDbName: DEFAULT_DB_NAME });
  const repositories = createRepositories(connection);
  await ensureIndexes(repositories);
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2 });
  await redis.ping();

  if (!config.SMTP_URL && config.NODE_ENV === 'production') logger.warn('SMTP_URL is unset: emails are only logged');
  const mailer = config.SMTP_URL
    ? createSmtpMailer(config.SMTP_URL, config.MAIL_FROM)
    : createLoggingMailer(logger, { includeBody: config.NODE_ENV !== 'production' });
  const background = new BackgroundTasks();
  const settings = settingsFromConfig(config);
  const retention =
    settings.retention.intervalMs > 0
      ? startDataRetention(
          {
            sessions: repositories.sessions,
            emailTokens: repositories.emailTokens,
            auditEvents: repositories.auditEvents,
          },
          settings.retention,
          logger,
        )
      : null;

  const app = createApp({
    logger,
    connection,
    redis,
    redisPrefix: config.REDIS_PREFIX,
    mailer,
    signingKey,
    previousPublicKeys: config.JWT_PREVIOUS_PUBLIC_KEYS,
    hasher: new PasswordHasher(config.BCRYPT_COST),
    settings,
    background,
    lifecycle,
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
      { name: 'mailer', stage: 'mail', close: () => mailer.close() },
      { name: 'background tasks', stage: 'queues', close: () => background.drain() },
      { name: 'data retention', stage: 'queues', close: async () => retention?.stop() },
    ],
  });
});
