/** createApp(deps) -> the auth service as an Express app. No listening, no global connections. */
import { AccessTokenIssuer, type PasswordHasher, type SigningKey } from '@roadmap/auth';
import {
  BackgroundWork,
  buildOpenApiDocument,
  createApiRegistry,
  createBaseApp,
  docsRoutes,
  finishApp,
  healthRoutes,
  methodNotAllowed,
  mongoReadiness,
  registerHealthPaths,
  type Lifecycle,
  type Logger,
  type OpenApiDocument,
  type ReadinessCheck,
} from '@roadmap/core';
import type { MailStore, OwedMailSource } from '@roadmap/mail';
import cookieParser from 'cookie-parser';
import cors from 'cors';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import type { AuthSettings } from './config.js';
import { accountEmails } from './jobs/account-email.js';
import { AuditEventRepository, AuditLog } from './modules/audit/index.js';
import {
  authRoutes,
  AuthService,
  createRateLimiters,
  EmailTokenRepository,
  EmailTokens,
  LoginLockout,
  registerAuthPaths,
  type OwedMailRelay,
} from './modules/auth/index.js';
import { createKeyRingVerifier, keyRoutes, registerKeyPaths, type PreviousPublicKey } from './modules/keys/index.js';
import { registerSessionPaths, SessionRepository, sessionRoutes, SessionService } from './modules/sessions/index.js';
import {
  adminRoutes,
  ProfileService,
  profileRoutes,
  registerAdminPaths,
  registerProfilePaths,
  UserAdminService,
  UserRepository,
} from './modules/users/index.js';

export interface AuthAppDeps {
  logger: Logger;
  connection: Connection;
  /** For rate limits and lockout counters (a bounded client: `queueRedis.client`). */
  redis: Redis;
  /** Prefix of every Redis key (rate limits, lockout counters); one per test file. */
  redisPrefix: string;
  /** Readiness of Redis as a whole (`queueRedis.readiness`); defaults to a PING on `redis`. */
  redisReadiness?: ReadinessCheck;
  /** The mail path (a MailOutbox): new emailed links hand it their email. */
  mail: OwedMailRelay;
  signingKey: SigningKey;
  /** Public keys of earlier signing keys, kept in the JWKS and accepted during a key rotation. */
  previousPublicKeys?: PreviousPublicKey[];
  hasher: PasswordHasher;
  settings: AuthSettings;
  /** Work started after answering (forgot-password's email); shutdown drains it. */
  background?: BackgroundWork;
  lifecycle?: Lifecycle;
  now?: () => Date;
}

export const AUTH_BASE_PATH = '/api/v1/auth';
export const SESSIONS_PATH = `${AUTH_BASE_PATH}/sessions`;
export const ADMIN_BASE_PATH = '/api/v1/admin';
export const PROFILES_PATH = '/api/v1/profiles';

export function createOpenApiDocument(): OpenApiDocument {
  const registry = createApiRegistry();
  registerHealthPaths(registry);
  registerAuthPaths(registry, AUTH_BASE_PATH);
  registerSessionPaths(registry, SESSIONS_PATH);
  registerKeyPaths(registry);
  registerAdminPaths(registry, ADMIN_BASE_PATH);
  registerProfilePaths(registry, PROFILES_PATH);
  return buildOpenApiDocument(registry, {
    title: 'Auth Service',
    version: '1.0.0',
    description:
      'Phase 3 of the backend roadmap: register and login, short-lived ES256 access tokens published as a JWKS, rotating refresh tokens with reuse detection, roles, lockout and rate limits.',
  });
}

/** The only objects that query the database: one per collection (sessions keep their refresh tokens). */
export interface Repositories {
  users: UserRepository;
  sessions: SessionRepository;
  emailTokens: EmailTokenRepository;
  auditEvents: AuditEventRepository;
}

export function createRepositories(connection: Connection): Repositories {
  return {
    users: new UserRepository(connection),
    sessions: new SessionRepository(connection),
    emailTokens: new EmailTokenRepository(connection),
    auditEvents: new AuditEventRepository(connection),
  };
}

/** The collections whose documents carry owed mail (email tokens), for the mail path to relay. */
export function owedMailSources(repositories: Repositories): (store: MailStore) => OwedMailSource[] {
  return (store) => [repositories.emailTokens.owedMailSource(store)];
}

/** Builds the unique indexes the rules rely on (autoIndex is off in tests and worth running once in prod). */
export async function ensureIndexes(repositories: Repositories): Promise<void> {
  for (const repository of Object.values(repositories)) await repository.ensureIndexes();
}

export function createApp(deps: AuthAppDeps): Express {
  const { settings, logger, redis } = deps;
  const now = deps.now ?? (() => new Date());
  const repositories = createRepositories(deps.connection);
  const audit = new AuditLog(repositories.auditEvents, logger, now);
  // The current key listed as a previous one too (mid-rotation slip) would be published twice.
  const previousPublicKeys = (deps.previousPublicKeys ?? []).filter((key) => key.kid !== deps.signingKey.kid);
  const issuer = new AccessTokenIssuer({
    key: deps.signingKey,
    issuer: settings.issuer,
    audience: settings.audience,
    ttlSeconds: settings.accessTokenTtlSeconds,
    previousPublicKeys,
  });
  const verifier = createKeyRingVerifier({
    current: deps.signingKey,
    previous: previousPublicKeys,
    issuer: settings.issuer,
    audience: settings.audience,
  });
  const sessions = new SessionService({
    sessions: repositories.sessions,
    users: repositories.users,
    audit,
    refreshTokenTtlMs: settings.refreshTokenTtlMs,
    refreshReuseGraceMs: settings.refreshReuseGraceMs,
    now,
  });
  const emailTokens = new EmailTokens(
    repositories.emailTokens,
    { 'verify-email': settings.emailTokenTtlMs.verifyEmail, 'reset-password': settings.emailTokenTtlMs.resetPassword },
    now,
  );
  const service = new AuthService({
    users: repositories.users,
    hasher: deps.hasher,
    issuer,
    sessions,
    lockout: new LoginLockout({
      redis,
      keyPrefix: deps.redisPrefix,
      pairPolicy: settings.pairLockout,
      accountPolicy: settings.accountLockout,
    }),
    emailTokens,
    audit,
    accountEmails: accountEmails({
      emailTokens,
      mail: deps.mail,
      background: deps.background ?? new BackgroundWork(logger),
      publicUrl: settings.publicUrl,
    }),
    now,
  });
  const admin = new UserAdminService({ users: repositories.users, sessions, audit });

  const app = createBaseApp({ logger, jsonLimit: '16kb', trustProxy: settings.trustProxy });
  // Only allow-listed origins get CORS headers; credentials so browsers may send the refresh cookie.
  const allowed = new Set(settings.corsOrigins);
  app.use(
    cors({
      origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
      credentials: true,
    }),
  );
  app.use(cookieParser());
  app.use(
    healthRoutes({
      checks: { mongo: mongoReadiness(deps.connection), redis: deps.redisReadiness ?? (() => redis.ping()) },
      isDraining: () => deps.lifecycle?.isDraining() ?? false,
    }),
  );
  const document = createOpenApiDocument();
  app.use(docsRoutes(document));
  app.use(methodNotAllowed(document));
  app.use(keyRoutes(issuer));
  app.use(SESSIONS_PATH, sessionRoutes(sessions, verifier));
  app.use(
    AUTH_BASE_PATH,
    authRoutes({
      service,
      sessions,
      verifier,
      limits: createRateLimiters(redis, deps.redisPrefix, settings.rateLimits),
      cookie: { path: AUTH_BASE_PATH, secure: settings.cookieSecure },
    }),
  );
  app.use(ADMIN_BASE_PATH, adminRoutes(admin, audit, verifier));
  app.use(PROFILES_PATH, profileRoutes(new ProfileService(repositories.users)));
  return finishApp(app);
}
