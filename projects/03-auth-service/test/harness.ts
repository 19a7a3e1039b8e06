/**
 * The auth service for one test file, on the shared harness: its own database, Redis prefix, SMTP
 * sink and real mail path (Bull on the harness's Redis, retries every 50-500 ms), signing key,
 * bcrypt cost 4 and a clock the test can move; every response is checked against the OpenAPI
 * document. With `faults`, Redis and/or SMTP are reached through fault proxies.
 */
import { generateSigningKey, PasswordHasher } from '@roadmap/auth';
import { BackgroundWork, type Logger } from '@roadmap/core';
import { startTestMailPath } from '@roadmap/mail/testing';
import { useHarness, type TestContext } from '@roadmap/testing';
import type { Express } from 'express';
import request from 'supertest';
import { createApp, createOpenApiDocument, createRepositories, ensureIndexes, owedMailSources } from '../src/app.js';
import { defaultSettings, type AuthSettings } from '../src/config.js';
import { createAuditEventModel } from '../src/modules/audit/audit.model.js';
import { createEmailTokenModel } from '../src/modules/auth/email-token.model.js';
import type { PreviousPublicKey } from '../src/modules/keys/index.js';
import { createRefreshTokenModel, createSessionModel } from '../src/modules/sessions/session.model.js';
import { createMfaTicketModel } from '../src/modules/mfa/mfa-ticket.model.js';
import { createRecoveryCodeModel } from '../src/modules/mfa/recovery-code.model.js';
import { createTotpFactorModel } from '../src/modules/mfa/totp-factor.model.js';
import { createPasskeyModel } from '../src/modules/passkeys/passkey.model.js';
import { createWebAuthnChallengeModel } from '../src/modules/passkeys/webauthn-challenge.model.js';
import { createUserModel } from '../src/modules/users/user.model.js';

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
      registerPerIp: 1000,
      forgotPasswordPerIp: 1000,
      refreshPerIp: 1000,
      emailLinkPerIp: 1000,
      mfaPerIp: 1000,
    },
    ...overrides,
  };
}

export interface AuthHarnessOptions {
  settings?: Partial<AuthSettings>;
  /** Defaults to the harness's silent logger. */
  logger?: Logger;
  previousPublicKeys?: PreviousPublicKey[];
  /** Put fault proxies between the app and these services. */
  faults?: { redis?: boolean; smtp?: boolean; mongo?: boolean };
}

async function buildAuth(ctx: TestContext, options: AuthHarnessOptions) {
  const db = await ctx.mongo();
  const redis = await ctx.redis();
  const smtp = await ctx.smtp();
  const repositories = createRepositories(db.connection);
  await ensureIndexes(repositories);
  const key = generateSigningKey();
  const settings = testSettings(options.settings);
  const logger = options.logger ?? ctx.logger;
  // The app reaches its services through fault proxies where asked; the test reads state directly.
  const { proxies, ...urls } = await ctx.endpoints(options.faults);
  const connection = await ctx.mongoConnection(options.faults?.mongo);
  const mailPath = await startTestMailPath({
    ...urls,
    connection,
    prefix: redis.prefix,
    logger,
    sources: owedMailSources(repositories),
    from: 'Auth <auth@example.test>',
    messageIdDomain: 'auth.test',
  });
  ctx.onCleanup(() => mailPath.close());
  const { outbox: mail, queueRedis } = mailPath;
  const background = new BackgroundWork(logger);
  // Last registered runs first: links still being issued are recorded before the mail path closes.
  ctx.onCleanup(() => background.drain());
  const hasher = new PasswordHasher(4);
  const build = (): Express =>
    createApp({
      logger,
      connection,
      redis: queueRedis.client,
      redisPrefix: redis.prefix,
      redisReadiness: queueRedis.readiness,
      mail,
      signingKey: key,
      previousPublicKeys: options.previousPublicKeys ?? [],
      hasher,
      settings,
      background,
      now: ctx.clock.now,
    });
  return {
    app: build(),
    db,
    redis,
    smtp,
    mail,
    proxies,
    /** The repositories on the test's connection, for jobs and services a test runs directly. */
    repositories,
    /** The models on the test's connection, to arrange and check stored state directly. */
    models: {
      User: createUserModel(db.connection),
      Session: createSessionModel(db.connection),
      RefreshToken: createRefreshTokenModel(db.connection),
      EmailToken: createEmailTokenModel(db.connection),
      AuditEvent: createAuditEventModel(db.connection),
      TotpFactor: createTotpFactorModel(db.connection),
      RecoveryCode: createRecoveryCodeModel(db.connection),
      MfaTicket: createMfaTicketModel(db.connection),
      Passkey: createPasskeyModel(db.connection),
      WebAuthnChallenge: createWebAuthnChallengeModel(db.connection),
    },
    key,
    settings,
    background,
    /** Another app instance on the same database and Redis prefix (a second replica). */
    replica: () => ctx.conform(build()),
  };
}

export type AuthModels = Awaited<ReturnType<typeof buildAuth>>['models'];

export function useAuthHarness(name: string, options: AuthHarnessOptions = {}) {
  return useHarness(name, (ctx) => buildAuth(ctx, options), {
    openApi: createOpenApiDocument(),
    // The pages an emailed link opens and the account page are web pages, not API operations.
    ignorePaths: /^\/(verify-email|reset-password|account\/)/,
  });
}

export type Harness = ReturnType<typeof useAuthHarness>;

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

export function refreshWith(app: Express, refreshToken: string): request.Test {
  return request(app).post('/api/v1/auth/refresh').send({ refreshToken });
}
