/**
 * Builds the API for one test file: its own database, a controllable clock, a test token issuer and a
 * recording notifier (the email test swaps in the real Bull queue). `close()` drops everything.
 */
import { createTestIssuer, type TestIssuer } from '@roadmap/auth';
import { createTestDatabase, testLogger, uniqueEmail, type TestDatabase } from '@roadmap/testing';
import type { Express } from 'express';
import request from 'supertest';
import { createApp, createServices, type BookingAppRules, type MovieBookingServices } from '../../src/app.js';
import { ensureIndexes } from '../../src/models.js';
import type { BookingNotifier } from '../../src/modules/bookings/booking.service.js';

export const MINUTE = 60_000;

export interface TestClock {
  now(): Date;
  set(date: Date): void;
  advance(ms: number): void;
  /** The moment `ms` after the clock's now, e.g. when a test show starts. */
  after(ms: number): Date;
}

export function createTestClock(start = new Date('2030-03-01T09:00:00.000Z')): TestClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (date) => {
      current = date.getTime();
    },
    advance: (ms) => {
      current += ms;
    },
    after: (ms) => new Date(current + ms),
  };
}

export interface RecordingNotifier extends BookingNotifier {
  confirmed: string[];
}

export function recordingNotifier(): RecordingNotifier {
  const confirmed: string[] = [];
  return {
    confirmed,
    async bookingConfirmed(bookingId) {
      confirmed.push(bookingId);
    },
  };
}

export interface TestApp {
  app: Express;
  services: MovieBookingServices;
  db: TestDatabase;
  clock: TestClock;
  issuer: TestIssuer;
  notifier: BookingNotifier;
  adminToken: string;
  /** A token for a new user (or the given id), with an email. */
  userToken(user?: { id?: string; email?: string }): string;
  /** POST /shows/:id/holds as the token's user. */
  hold(token: string, showId: string, seats: string[]): request.Test;
  /** POST /holds/:id/confirm as the token's user, with the Idempotency-Key when one is given. */
  confirm(token: string, holdId: string, idempotencyKey?: string): request.Test;
  close(): Promise<void>;
}

export interface TestAppOptions {
  notifier?: BookingNotifier;
  rules?: Partial<BookingAppRules>;
  readinessChecks?: Record<string, () => Promise<unknown>>;
}

export async function createTestApp(name: string, options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase(name);
  const clock = createTestClock();
  const issuer = createTestIssuer();
  const notifier = options.notifier ?? recordingNotifier();
  const deps = {
    logger: testLogger(name),
    connection: db.connection,
    verifier: issuer.verifier,
    notifier,
    now: clock.now,
    ...(options.rules ? { rules: options.rules } : {}),
    ...(options.readinessChecks ? { readinessChecks: options.readinessChecks } : {}),
  };
  const services = createServices(deps);
  await ensureIndexes(services.models);
  const app = createApp(deps, services);
  return {
    app,
    services,
    db,
    clock,
    issuer,
    notifier,
    adminToken: issuer.tokenFor({ role: 'admin', email: uniqueEmail('admin') }),
    userToken: (user = {}) =>
      issuer.tokenFor({
        role: 'user',
        email: user.email ?? uniqueEmail('viewer'),
        ...(user.id ? { id: user.id } : {}),
      }),
    hold: (token, showId, seats) =>
      request(app).post(`/api/v1/shows/${showId}/holds`).set('Authorization', `Bearer ${token}`).send({ seats }),
    confirm: (token, holdId, idempotencyKey) => {
      const req = request(app).post(`/api/v1/holds/${holdId}/confirm`).set('Authorization', `Bearer ${token}`);
      return idempotencyKey ? req.set('Idempotency-Key', idempotencyKey) : req;
    },
    close: () => db.cleanup(),
  };
}
