/** createApp(deps) -> the auth service as an Express app. No listening, no global connections. */
import { AccessTokenIssuer, type PasswordHasher, type SigningKey } from '@roadmap/auth';
import {
  buildOpenApiDocument,
  createApiRegistry,
  createBaseApp,
  docsRoutes,
  finishApp,
  healthRoutes,
  mongoReadiness,
  registerHealthPaths,
  type Lifecycle,
  type Logger,
  type OpenApiDocument,
} from '@roadmap/core';
import cookieParser from 'cookie-parser';
import cors from 'cors';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { BackgroundTasks } from './background-tasks.js';
import { createRateLimiters } from './http/rate-limits.js';
import type { Mailer } from './mail/mailer.js';
import { createModels } from './models.js';
import { AuditLog } from './modules/audit/audit.service.js';
import { registerAuthPaths } from './modules/auth/auth.openapi.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { AuthService } from './modules/auth/auth.service.js';
import { EmailTokens } from './modules/auth/email-token.service.js';
import { LoginLockout } from './modules/auth/login-lockout.js';
import { SessionService } from './modules/sessions/session.service.js';
import { registerAdminPaths } from './modules/users/user.openapi.js';
import { adminRoutes } from './modules/users/user.routes.js';
import { UserAdminService } from './modules/users/user.service.js';
import type { AuthSettings } from './settings.js';
import { createKeyRingVerifier, type PreviousPublicKey } from './verification-keys.js';

export interface AuthAppDeps {
  logger: Logger;
  connection: Connection;
  redis: Redis;
  /** Prefix of every Redis key (rate limits, lockout counters); one per test file. */
  redisPrefix: string;
  mailer: Mailer;
  signingKey: SigningKey;
  /** Public keys of earlier signing keys, kept in the JWKS and accepted during a key rotation. */
  previousPublicKeys?: PreviousPublicKey[];
  hasher: PasswordHasher;
  settings: AuthSettings;
  background?: BackgroundTasks;
  lifecycle?: Lifecycle;
  now?: () => Date;
}

export const AUTH_BASE_PATH = '/api/v1/auth';
export const ADMIN_BASE_PATH = '/api/v1/admin';

export function createOpenApiDocument(): OpenApiDocument {
  const registry = createApiRegistry();
  registerHealthPaths(registry);
  registerAuthPaths(registry, AUTH_BASE_PATH);
  registerAdminPaths(registry, ADMIN_BASE_PATH);
  return buildOpenApiDocument(registry, {
    title: 'Auth Service',
    version: '1.0.0',
    description:
      'Phase 3 of the backend roadmap: register and login, short-lived ES256 access tokens published as a JWKS, rotating refresh tokens with reuse detection, roles, lockout and rate limits.',
  });
}

export function createApp(deps: AuthAppDeps): Express {
  const { settings, logger, redis } = deps;
  const now = deps.now ?? (() => new Date());
  const models = createModels(deps.connection);
  const audit = new AuditLog(models.AuditEvent, logger, now);
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
    models,
    audit,
    refreshTokenTtlMs: settings.refreshTokenTtlMs,
    refreshReuseGraceMs: settings.refreshReuseGraceMs,
    now,
  });
  const lockout = new LoginLockout({
    redis,
    keyPrefix: deps.redisPrefix,
    User: models.User,
    pairPolicy: settings.pairLockout,
    accountPolicy: settings.accountLockout,
  });
  const service = new AuthService({
    models,
    hasher: deps.hasher,
    issuer,
    sessions,
    lockout,
    emailTokens: new EmailTokens(
      models.EmailToken,
      {
        'verify-email': settings.emailTokenTtlMs.verifyEmail,
        'reset-password': settings.emailTokenTtlMs.resetPassword,
      },
      now,
    ),
    audit,
    mailer: deps.mailer,
    background: deps.background ?? new BackgroundTasks(),
    publicUrl: settings.publicUrl,
    logger,
    now,
  });

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
      checks: {
        mongo: mongoReadiness(deps.connection),
        redis: () => redis.ping(),
      },
      isDraining: () => deps.lifecycle?.isDraining() ?? false,
    }),
  );
  app.use(docsRoutes(createOpenApiDocument()));
  app.get('/.well-known/jwks.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').json(issuer.jwks());
  });
  const limits = createRateLimiters(redis, deps.redisPrefix, settings.rateLimits);
  app.use(
    AUTH_BASE_PATH,
    authRoutes({
      service,
      sessions,
      verifier,
      limits,
      cookie: { path: AUTH_BASE_PATH, secure: settings.cookieSecure },
    }),
  );
  app.use(ADMIN_BASE_PATH, adminRoutes(new UserAdminService(models.User, sessions, audit), audit, verifier));
  return finishApp(app);
}
