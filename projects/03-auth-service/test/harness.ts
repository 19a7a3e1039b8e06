/**
 * Builds the auth service app for one test file: its own database, Redis prefix, SMTP sink, signing
 * key, bcrypt cost 4 and a clock the test can move. `cleanup()` waits for background mail, then
 * closes everything.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateSigningKey, PasswordHasher, type SigningKey } from '@roadmap/auth';
import {
  createTestDatabase,
  createTestRedis,
  startSmtpSink,
  testLogger,
  type SmtpSink,
  type TestDatabase,
  type TestRedis,
} from '@roadmap/testing';
import type { Logger } from '@roadmap/core';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../src/app.js';
import { BackgroundTasks } from '../src/background-tasks.js';
import { createSmtpMailer, type Mailer } from '../src/mail/mailer.js';
import { createModels, ensureIndexes, type AuthModels } from '../src/models.js';
import { defaultSettings, type AuthSettings } from '../src/settings.js';
import type { PreviousPublicKey } from '../src/verification-keys.js';

export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
}

export function createTestClock(start = Date.now()): TestClock {
  let current = start;
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
    },
  };
}

export interface Harness {
  app: Express;
  db: TestDatabase;
  redis: TestRedis;
  smtp: SmtpSink;
  models: AuthModels;
  clock: TestClock;
  key: SigningKey;
  settings: AuthSettings;
  background: BackgroundTasks;
  /** Another app instance on the same database and Redis prefix (a second replica). */
  replica(): Express;
  cleanup(): Promise<void>;
}

/** Generous limits so only the tests about limits meet them. */
export function testSettings(overrides: Partial<AuthSettings> = {}): AuthSettings {
  const base = defaultSettings();
  return {
    ...base,
    issuer: 'http://auth.test',
    corsOrigins: ['https://app.example.test'],
    trustProxy: 1,
    rateLimits: {
      ...base.rateLimits,
      loginPerIp: 1000,
      loginPerAccount: 1000,
      registerPerIp: 1000,
      forgotPasswordPerIp: 1000,
    },
    ...overrides,
  };
}

export async function createHarness(
  name: string,
  overrides: Partial<AuthSettings> = {},
  logger: Logger = testLogger(name),
  keys: { previousPublicKeys?: PreviousPublicKey[] } = {},
): Promise<Harness> {
  const db = await createTestDatabase(name);
  const redis = await createTestRedis(name);
  const smtp = await startSmtpSink();
  const models = createModels(db.connection);
  await ensureIndexes(models);
  const clock = createTestClock();
  const key = generateSigningKey();
  const settings = testSettings(overrides);
  const background = new BackgroundTasks();
  const mailer: Mailer = createSmtpMailer(`smtp://${smtp.host}:${smtp.port}`, 'Auth <auth@example.test>');
  const hasher = new PasswordHasher(4);
  const build = (): Express =>
    createApp({
      logger,
      connection: db.connection,
      redis: redis.redis,
      redisPrefix: redis.prefix,
      mailer,
      signingKey: key,
      previousPublicKeys: keys.previousPublicKeys ?? [],
      hasher,
      settings,
      background,
      now: clock.now,
    });
  return {
    app: build(),
    db,
    redis,
    smtp,
    models,
    clock,
    key,
    settings,
    background,
    replica: build,
    async cleanup() {
      await background.drain();
      await mailer.close();
      await smtp.close();
      await redis.cleanup();
      await db.cleanup();
    },
  };
}

export const PASSWORD = 'correct-horse-battery';

export interface RegisteredUser {
  id: string;
  email: string;
  password: string;
}

export async function registerUser(app: Express, email: string, password = PASSWORD): Promise<RegisteredUser> {
  const res = await request(app).post('/api/v1/auth/register').send({ email, password, name: 'Test User' });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  const body = res.body as { user: { id: string } };
  return { id: body.user.id, email, password };
}

export interface LoggedIn {
  accessToken: string;
  refreshToken: string;
  cookie: string;
}

/** One login request from `ip` (the harness trusts X-Forwarded-For), whatever it answers. */
export function loginAttempt(app: Express, email: string, password: string, ip = '203.0.113.1'): request.Test {
  return request(app).post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email, password });
}

export async function login(app: Express, email: string, password = PASSWORD, ip = '203.0.113.1'): Promise<LoggedIn> {
  const res = await loginAttempt(app, email, password, ip);
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const body = res.body as { accessToken: string; refreshToken: string };
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return { accessToken: body.accessToken, refreshToken: body.refreshToken, cookie: setCookie[0]?.split(';')[0] ?? '' };
}

export async function makeAdmin(models: AuthModels, userId: string): Promise<void> {
  await models.User.updateOne({ _id: userId }, { $set: { role: 'admin' } });
}

export interface ListeningApp {
  /** e.g. http://127.0.0.1:54321 */
  url: string;
  /** Drops open connections and stops listening; safe to call twice. */
  close(): Promise<void>;
}

/** Serves `app` on a free loopback port, for clients that need a real URL (JWKS fetches, fetch()). */
export async function listen(app: Express): Promise<ListeningApp> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      if (!server.listening) return;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function refreshWith(app: Express, refreshToken: string): request.Test {
  return request(app).post('/api/v1/auth/refresh').send({ refreshToken });
}
