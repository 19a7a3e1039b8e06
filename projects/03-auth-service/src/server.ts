/** Reads configuration, connects MongoDB, Redis and the mail path, builds the app, listens, shuts down gracefully. */
import { PasswordHasher } from '@roadmap/auth';
import { BackgroundWork, createLifecycle, createLogger, runServer, startOrExit } from '@roadmap/core';
import { connectMongo } from '@roadmap/core/mongo';
import { createLoggingTransport, createSmtpTransport, messageIdDomainOf, retryFromEnv } from '@roadmap/mail';
import { openMongoMailOutbox } from '@roadmap/mail/mongo';
import { boundsFromEnv, createQueueRedis } from '@roadmap/redis';
import { createApp, createRepositories, ensureIndexes, owedMailSources } from './app.js';
import { DEFAULT_DB_NAME, loadAuthConfig, settingsFromConfig } from './config.js';
import { startDataRetention } from './jobs/data-retention.js';
import { loadSigningKey } from './modules/keys/index.js';

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

  const connection = await connectMongo({
    url: config.MONGO_URL,
    defaultDbName: DEFAULT_DB_NAME,
    timeoutMs: config.MONGO_TIMEOUT_MS,
  });
  const repositories = createRepositories(connection);
  await ensureIndexes(repositories);
  const queueRedis = createQueueRedis(config.REDIS_URL, { logger, name: 'auth', bounds: boundsFromEnv(config) });

  if (!config.SMTP_URL && config.NODE_ENV === 'production') logger.warn('SMTP_URL is unset: emails are only logged');
  if (!config.MFA_ENCRYPTION_KEY)
    logger.warn('MFA_ENCRYPTION_KEY is unset: TOTP secrets are sealed with the public development key');
  const transport = config.SMTP_URL
    ? createSmtpTransport(config.SMTP_URL)
    : createLoggingTransport(logger, { includeBody: config.NODE_ENV !== 'production' });
  const mail = await openMongoMailOutbox({
    connection,
    redis: queueRedis,
    prefix: config.REDIS_PREFIX.replace(/:$/, ''),
    logger,
    retry: retryFromEnv(config),
    sources: owedMailSources(repositories),
  });
  mail.startDelivery({ transport, from: config.MAIL_FROM, messageIdDomain: messageIdDomainOf(config.MAIL_FROM) });
  const background = new BackgroundWork(logger);
  const settings = settingsFromConfig(config);
  const retention =
    settings.retention.intervalMs > 0
      ? startDataRetention(
          {
            sessions: repositories.sessions,
            emailTokens: repositories.emailTokens,
            mfaTickets: repositories.mfaTickets,
            webAuthnChallenges: repositories.webAuthnChallenges,
            auditEvents: repositories.auditEvents,
          },
          settings.retention,
          logger,
        )
      : null;

  const app = createApp({
    logger,
    connection,
    redis: queueRedis.client,
    redisPrefix: config.REDIS_PREFIX,
    redisReadiness: queueRedis.readiness,
    mail,
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
    drainSeconds: config.SHUTDOWN_DRAIN_SECONDS,
    closers: [
      { name: 'background work', stage: 'queues', close: () => background.drain() },
      { name: 'data retention', stage: 'queues', close: async () => retention?.stop() },
      { name: 'mail', stage: 'queues', close: () => mail.close() },
      { name: 'smtp', stage: 'mail', close: () => transport.close() },
      { name: 'redis', stage: 'redis', close: () => queueRedis.close() },
      { name: 'mongodb', stage: 'databases', close: () => connection.close() },
    ],
  });
});
