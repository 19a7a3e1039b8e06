/** Reads configuration, connects MongoDB, Redis, the queues and SMTP, listens, shuts down gracefully. */
import { createVerifierFromEnv } from '@roadmap/auth';
import { createLifecycle, createLogger, runServer, startOrExit } from '@roadmap/core';
import { connectMongo } from '@roadmap/core/mongo';
import { createSmtpTransport, messageIdDomainOf, retryFromEnv } from '@roadmap/mail';
import { openMongoMailOutbox } from '@roadmap/mail/mongo';
import { boundsFromEnv, createQueueRedis } from '@roadmap/redis';
import { createApp, createRepositories, createServices, ensureIndexes, owedMailSources } from './app.js';
import { loadMovieBookingConfig } from './config.js';
import { startHoldSweeper } from './jobs/hold-sweeper.js';

startOrExit(async () => {
  const config = loadMovieBookingConfig();
  const logger = createLogger({ name: 'movie-booking', level: config.LOG_LEVEL });
  const lifecycle = createLifecycle();

  const connection = await connectMongo({
    url: config.MONGO_URL,
    defaultDbName: 'movie_booking',
    timeoutMs: config.MONGO_TIMEOUT_MS,
  });
  const queueRedis = createQueueRedis(config.REDIS_URL, {
    logger,
    name: 'movie-booking',
    bounds: boundsFromEnv(config),
  });
  const mail = await openMongoMailOutbox({
    connection,
    redis: queueRedis,
    prefix: config.REDIS_PREFIX,
    logger,
    retry: retryFromEnv(config),
    sources: owedMailSources(createRepositories(connection)),
  });
  const transport = createSmtpTransport(config.SMTP_URL);
  mail.startDelivery({ transport, from: config.MAIL_FROM, messageIdDomain: messageIdDomainOf(config.MAIL_FROM) });

  const deps = {
    logger,
    connection,
    verifier: createVerifierFromEnv(config),
    mail,
    readinessChecks: { redis: queueRedis.readiness },
    rules: {
      holdMinutes: config.HOLD_MINUTES,
      maxSeatsPerHold: config.MAX_SEATS_PER_HOLD,
      cancellationCutoffMinutes: config.CANCELLATION_CUTOFF_MINUTES,
      cleaningGapMinutes: config.CLEANING_GAP_MINUTES,
    },
    lifecycle,
    trustProxy: config.TRUST_PROXY,
  };
  const services = createServices(deps);
  await ensureIndexes(services.repositories);
  const sweeper = await startHoldSweeper({
    queueRedis,
    prefix: config.REDIS_PREFIX,
    bookings: services.bookings,
    logger,
    everySeconds: config.HOLD_SWEEP_SECONDS,
  });

  await runServer({
    app: createApp(deps, services),
    host: config.HOST,
    port: config.PORT,
    logger,
    lifecycle,
    graceSeconds: config.SHUTDOWN_GRACE_SECONDS,
    drainSeconds: config.SHUTDOWN_DRAIN_SECONDS,
    closers: [
      { name: 'hold sweeper', stage: 'queues', close: () => sweeper.close() },
      { name: 'mail', stage: 'queues', close: () => mail.close() },
      { name: 'smtp', stage: 'mail', close: () => transport.close() },
      { name: 'redis', stage: 'redis', close: () => queueRedis.close() },
      { name: 'mongodb', stage: 'databases', close: () => connection.close() },
    ],
  });
});
