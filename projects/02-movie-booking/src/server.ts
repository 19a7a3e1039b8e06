/** Reads configuration, connects MongoDB, Redis, the queues and SMTP, listens, shuts down gracefully. */
import { createVerifierFromEnv } from '@roadmap/auth';
import { connectMongo, createLifecycle, createLogger, runServer, startOrExit } from '@roadmap/core';
import Bull from 'bull';
import { Redis } from 'ioredis';
import nodemailer from 'nodemailer';
import { createApp, createServices, ensureIndexes } from './app.js';
import { loadMovieBookingConfig } from './config.js';
import {
  CONFIRMATION_QUEUE,
  confirmationEmailProcessor,
  queueNotifier,
  type ConfirmationJob,
} from './jobs/confirmation-email.js';
import { HOLD_SWEEP_QUEUE, scheduleHoldSweeper } from './jobs/hold-sweeper.js';

startOrExit(async () => {
  const config = loadMovieBookingConfig();
  const logger = createLogger({ name: 'movie-booking', level: config.LOG_LEVEL });
  const lifecycle = createLifecycle();

  const connection = await connectMongo({ url: config.MONGO_URL, defaultDbName: 'movie_booking' });
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2 });
  const queueOptions = { prefix: config.REDIS_PREFIX };
  const confirmations = new Bull<ConfirmationJob>(CONFIRMATION_QUEUE, config.REDIS_URL, queueOptions);
  const sweeps = new Bull(HOLD_SWEEP_QUEUE, config.REDIS_URL, queueOptions);
  const transport = nodemailer.createTransport(config.SMTP_URL);

  const rules = {
    holdMinutes: config.HOLD_MINUTES,
    maxSeatsPerHold: config.MAX_SEATS_PER_HOLD,
    cancellationCutoffMinutes: config.CANCELLATION_CUTOFF_MINUTES,
    cleaningGapMinutes: config.CLEANING_GAP_MINUTES,
  };
  const deps = {
    logger,
    connection,
    verifier: createVerifierFromEnv(config),
    notifier: queueNotifier(confirmations),
    readinessChecks: { redis: () => redis.ping() },
    rules,
    lifecycle,
  };
  const services = createServices(deps);
  await ensureIndexes(services.repositories);
  confirmations
    .process(confirmationEmailProcessor({ ...services.repositories, transport, from: config.MAIL_FROM, logger }))
    .catch((err: unknown) => logger.warn({ err }, 'confirmation email worker stopped'));
  await scheduleHoldSweeper(sweeps, services.bookings, logger, config.HOLD_SWEEP_SECONDS);

  await runServer({
    app: createApp(deps, services),
    host: config.HOST,
    port: config.PORT,
    logger,
    lifecycle,
    graceSeconds: config.SHUTDOWN_GRACE_SECONDS,
    closers: [
      { name: 'mongo', stage: 'databases', close: () => connection.close() },
      { name: 'redis', stage: 'redis', close: () => redis.quit() },
      { name: 'confirmation queue', stage: 'queues', close: () => confirmations.close() },
      { name: 'sweep queue', stage: 'queues', close: () => sweeps.close() },
      { name: 'smtp', stage: 'mail', close: async () => transport.close() },
    ],
  });
});
