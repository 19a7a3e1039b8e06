/**
 * The Movie Booking API for one test file, on the shared harness: its own database, Redis prefix,
 * SMTP sink and the real mail path (Bull on the harness's Redis, retries every 50-500 ms), a clock
 * that starts on 2030-03-01 09:00 UTC and a test token issuer; every response is checked against
 * the OpenAPI document. With `faults`, Redis, SMTP and/or MongoDB are reached through fault proxies.
 */
import { createTestIssuer, type TestIssuer } from '@roadmap/auth/testing';
import type { TrustProxy } from '@roadmap/core';
import { startTestMailPath } from '@roadmap/mail/testing';
import { uniqueEmail, useHarness, waitFor, type TestContext } from '@roadmap/testing';
import type { Express } from 'express';
import request from 'supertest';
import {
  createApp,
  createOpenApiDocument,
  createRepositories,
  createServices,
  ensureIndexes,
  owedMailSources,
  type BookingAppRules,
  type MovieBookingServices,
} from '../src/app.js';
import { createBookingModel } from '../src/modules/bookings/booking.model.js';
import { confirmationEmailKey } from '../src/modules/bookings/index.js';
import { createSeatLockModel } from '../src/modules/seat-locks/seat-lock.model.js';
import { createShowModel } from '../src/modules/shows/show.model.js';

export const MINUTE = 60_000;
const CLOCK_START = new Date('2030-03-01T09:00:00.000Z');
export const MAIL_FROM = 'tickets@movie-booking.test';

export interface BookingHarnessOptions {
  rules?: Partial<BookingAppRules>;
  /** Put fault proxies between the app and these services. */
  faults?: { redis?: boolean; smtp?: boolean; mongo?: boolean };
  /** The app's bound on MongoDB waits through the fault proxy (default: the app's own, about 2 s). */
  mongoTimeoutMs?: number;
  /** Believe the X-Forwarded-* headers of these proxies (the edge test: loopback). */
  trustProxy?: TrustProxy;
}

async function buildBooking(ctx: TestContext, options: BookingHarnessOptions) {
  const db = await ctx.mongo();
  const redis = await ctx.redis();
  const smtp = await ctx.smtp();
  // The app reaches its services through fault proxies where asked; the test reads state directly.
  const { proxies, ...urls } = await ctx.endpoints(options.faults);
  const connection = await ctx.mongoConnection(options.faults?.mongo, options.mongoTimeoutMs);
  const mailPath = await startTestMailPath({
    ...urls,
    connection,
    prefix: redis.prefix,
    logger: ctx.logger,
    sources: owedMailSources(createRepositories(connection)),
    from: MAIL_FROM,
    messageIdDomain: 'movie-booking.test',
  });
  ctx.onCleanup(() => mailPath.close());
  const { outbox: mail, queueRedis } = mailPath;
  const issuer = createTestIssuer();
  const deps = {
    logger: ctx.logger,
    connection,
    verifier: issuer.verifier,
    mail,
    now: ctx.clock.now,
    readinessChecks: { redis: queueRedis.readiness },
    ...(options.rules ? { rules: options.rules } : {}),
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
  };
  const services = createServices(deps);
  await ensureIndexes(services.repositories);
  /** The confirmation emails the sink received for this booking (by the Message-ID its key gives). */
  const received = (bookingId: string) => {
    const id = mailPath.messageIdOf(confirmationEmailKey(bookingId));
    return smtp.messages.filter((message) => message.headers.get('message-id') === id);
  };
  // Wrapped here, so requests sent through the helpers below are checked against the document too.
  const app: Express = ctx.conform(createApp(deps, services));
  return {
    app,
    services,
    smtp,
    mail,
    queueRedis,
    proxies,
    received,
    /** Waits for the booking's email, lets the mail path settle, and answers how many arrived. */
    async emailsOnceSettled(bookingId: string): Promise<number> {
      // After an outage the email goes through a reconnect, the sweep and Bull's worker; on the loaded
      // 2-core CI machine that can take seconds. Exactly once is the assertion; a timeout says where the
      // message was.
      await waitFor(() => received(bookingId).length > 0, { timeoutMs: 20_000, description: 'the email' }).catch(
        async (err: Error) => {
          const stored = await mail.store.get(confirmationEmailKey(bookingId));
          throw new Error(`${err.message}; the outbox holds ${JSON.stringify(stored)}`);
        },
      );
      await mail.sweep({ eager: true });
      await mail.idle();
      return received(bookingId).length;
    },
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

/** The API on real services for one test file. */
export function useBookingHarness(name: string, options: BookingHarnessOptions = {}) {
  return useHarness(name, (ctx) => buildBooking(ctx, options), {
    openApi: createOpenApiDocument(),
    clockStart: CLOCK_START,
  });
}

export type BookingHarness = ReturnType<typeof useBookingHarness>;
export type { MovieBookingServices };
