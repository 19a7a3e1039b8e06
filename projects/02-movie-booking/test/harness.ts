/**
 * The Movie Booking API for one test file, on the shared harness: its own database, a clock that
 * starts on 2030-03-01 09:00 UTC, a test token issuer and a recording notifier; every response is
 * checked against the OpenAPI document. `useBookingMailHarness` puts the real confirmation email
 * chain behind it instead: Bull on the harness's Redis prefix, the email job, nodemailer, an SMTP sink.
 */
import { createTestIssuer, type TestIssuer } from '@roadmap/auth';
import type { ReadinessCheck } from '@roadmap/core';
import { testServices, uniqueEmail, useHarness, type SmtpSink, type TestContext } from '@roadmap/testing';
import Bull from 'bull';
import type { Express } from 'express';
import nodemailer from 'nodemailer';
import request from 'supertest';
import {
  createApp,
  createOpenApiDocument,
  createServices,
  ensureIndexes,
  type BookingAppRules,
  type MovieBookingServices,
} from '../src/app.js';
import {
  CONFIRMATION_QUEUE,
  confirmationEmailProcessor,
  queueNotifier,
  type ConfirmationJob,
} from '../src/jobs/confirmation-email.js';
import { createBookingModel } from '../src/modules/bookings/booking.model.js';
import type { BookingNotifier } from '../src/modules/bookings/index.js';
import { createSeatLockModel } from '../src/modules/seat-locks/seat-lock.model.js';
import { createShowModel } from '../src/modules/shows/show.model.js';

export const MINUTE = 60_000;
const CLOCK_START = new Date('2030-03-01T09:00:00.000Z');
const MAIL_FROM = 'tickets@movie-booking.test';

/** What queueing throws when Redis is gone (ioredis's message); the API answers it with 503. */
export function queueUnavailable(): Error {
  return new Error('Connection is closed.');
}

export interface RecordingNotifier extends BookingNotifier {
  /** The booking ids notified, once per successful notification. */
  confirmed: string[];
  /** Makes the next notification fail as queueing does when Redis is gone. */
  failNext(): void;
}

export function recordingNotifier(): RecordingNotifier {
  const confirmed: string[] = [];
  let failNext = false;
  return {
    confirmed,
    failNext() {
      failNext = true;
    },
    async bookingConfirmed(bookingId) {
      if (failNext) {
        failNext = false;
        throw queueUnavailable();
      }
      confirmed.push(bookingId);
    },
  };
}

export interface BookingHarnessOptions {
  notifier?: BookingNotifier;
  rules?: Partial<BookingAppRules>;
  readinessChecks?: Record<string, ReadinessCheck>;
}

async function buildBooking(ctx: TestContext, options: BookingHarnessOptions & { notifier: BookingNotifier }) {
  const db = await ctx.mongo();
  const issuer = createTestIssuer();
  const deps = {
    logger: ctx.logger,
    connection: db.connection,
    verifier: issuer.verifier,
    notifier: options.notifier,
    now: ctx.clock.now,
    ...(options.rules ? { rules: options.rules } : {}),
    ...(options.readinessChecks ? { readinessChecks: options.readinessChecks } : {}),
  };
  const services = createServices(deps);
  await ensureIndexes(services.repositories);
  // Wrapped here, so requests sent through the helpers below are checked against the document too.
  const app: Express = ctx.conform(createApp(deps, services));
  return {
    app,
    services,
    /** The models on the test's connection, to arrange and check stored state directly. */
    models: {
      Booking: createBookingModel(db.connection),
      SeatLock: createSeatLockModel(db.connection),
      Show: createShowModel(db.connection),
    },
    issuer: issuer as TestIssuer,
    adminToken: issuer.tokenFor({ role: 'admin', email: uniqueEmail('admin') }),
    /** A token for a new user (or the given id), with an email. */
    userToken: (user: { id?: string; email?: string } = {}) =>
      issuer.tokenFor({
        role: 'user',
        email: user.email ?? uniqueEmail('viewer'),
        ...(user.id ? { id: user.id } : {}),
      }),
    /** POST /shows/:id/holds as the token's user. */
    hold: (token: string, showId: string, seats: string[]) =>
      request(app).post(`/api/v1/shows/${showId}/holds`).set('Authorization', `Bearer ${token}`).send({ seats }),
    /** POST /holds/:id/confirm as the token's user, with the Idempotency-Key when one is given. */
    confirm: (token: string, holdId: string, idempotencyKey?: string) => {
      const req = request(app).post(`/api/v1/holds/${holdId}/confirm`).set('Authorization', `Bearer ${token}`);
      return idempotencyKey ? req.set('Idempotency-Key', idempotencyKey) : req;
    },
  };
}

const harnessOptions = () => ({ openApi: createOpenApiDocument(), clockStart: CLOCK_START });

/** The API with a recording notifier (or the given one). */
export function useBookingHarness(name: string, options: BookingHarnessOptions = {}) {
  return useHarness(
    name,
    async (ctx) => {
      const notifier = options.notifier ?? recordingNotifier();
      return { ...(await buildBooking(ctx, { ...options, notifier })), notifier };
    },
    harnessOptions(),
  );
}

/** `wrapNotifier` lets a test stand between the booking service and the queue (e.g. to fail an add). */
export function useBookingMailHarness(
  name: string,
  wrapNotifier: (queueing: BookingNotifier) => BookingNotifier = (queueing) => queueing,
) {
  return useHarness(
    name,
    async (ctx) => {
      const redis = await ctx.redis();
      const sink: SmtpSink = await ctx.smtp();
      const queue = new Bull<ConfirmationJob>(CONFIRMATION_QUEUE, testServices.redisUrl, { prefix: redis.prefix });
      const built = await buildBooking(ctx, { notifier: wrapNotifier(queueNotifier(queue)) });
      const transport = nodemailer.createTransport({
        host: sink.host,
        port: sink.port,
        secure: false,
        ignoreTLS: true,
      });
      // Cleanup runs last-registered first: the queue stops before the transport and the services go.
      ctx.onCleanup(() => transport.close());
      ctx.onCleanup(() => queue.close());
      queue
        .process(
          confirmationEmailProcessor({
            ...built.services.repositories,
            transport,
            from: MAIL_FROM,
            logger: ctx.logger,
          }),
        )
        .catch(() => undefined); // settles only when the queue closes
      return { ...built, queue, sink };
    },
    harnessOptions(),
  );
}

export type BookingHarness = ReturnType<typeof useBookingHarness>;
export type { MovieBookingServices };
