/** createApp(deps) -> the auth service as an Express app. No listening, no global connections. */
import { requireMfa, type PasswordHasher, type SigningKey } from '@roadmap/auth';
import {
  apiProblemResponses,
  type BackgroundWork,
  buildOpenApiDocument,
  createApiRegistry,
  createBaseApp,
  docsRoutes,
  finishApp,
  healthRoutes,
  methodNotAllowed,
  registerHealthPaths,
  type Lifecycle,
  type Logger,
  type OpenApiDocument,
  type OpenAPIRegistry,
  type ReadinessCheck,
} from '@roadmap/core';
import { mongoReadiness } from '@roadmap/core/mongo';
import { defineRepositorySet } from '@roadmap/mail/mongo';
import cookieParser from 'cookie-parser';
import cors from 'cors';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import type { AuthSettings } from './config.js';
import { accountPageRoutes } from './modules/account-pages/index.js';
import { AuditEventRepository } from './modules/audit/index.js';
import {
  authRoutes,
  createRateLimiters,
  EmailTokenRepository,
  registerAuthPaths,
  tokenResponder,
  type OwedMailRelay,
} from './modules/auth/index.js';
import { keyRoutes, registerKeyPaths, type PreviousPublicKey } from './modules/keys/index.js';
import {
  mfaLoginRoutes,
  mfaRoutes,
  MfaTicketRepository,
  RecoveryCodeRepository,
  registerMfaLoginPaths,
  registerMfaPaths,
  TotpFactorRepository,
} from './modules/mfa/index.js';
import {
  PasskeyRepository,
  passkeyRoutes,
  registerPasskeyPaths,
  WebAuthnChallengeRepository,
} from './modules/passkeys/index.js';
import { registerSessionPaths, SessionRepository, sessionRoutes } from './modules/sessions/index.js';
import {
  adminRoutes,
  ProfileService,
  profileRoutes,
  registerAdminPaths,
  registerProfilePaths,
  UserRepository,
} from './modules/users/index.js';
import { buildServices } from './services.js';

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
export const MFA_PATH = `${AUTH_BASE_PATH}/mfa`;
export const PASSKEYS_PATH = `${AUTH_BASE_PATH}/passkeys`;

/**
 * Any route that takes a bearer token answers 403 mfa_enrolment_required to a user who must enrol a
 * second factor first (the verifier refuses their token), so each such route documents a 403.
 */
function documentEnrolmentRefusals(registry: OpenAPIRegistry): void {
  const forbidden = apiProblemResponses(403)[403];
  if (!forbidden) return;
  for (const definition of registry.definitions) {
    if (definition.type !== 'route' || !definition.route.security?.length) continue;
    definition.route.responses[403] ??= forbidden;
  }
}

export function createOpenApiDocument(): OpenApiDocument {
  const registry = createApiRegistry();
  registerHealthPaths(registry);
  registerAuthPaths(registry, AUTH_BASE_PATH);
  registerMfaLoginPaths(registry, AUTH_BASE_PATH);
  registerMfaPaths(registry, MFA_PATH);
  registerPasskeyPaths(registry, PASSKEYS_PATH);
  registerSessionPaths(registry, SESSIONS_PATH);
  registerKeyPaths(registry);
  registerAdminPaths(registry, ADMIN_BASE_PATH);
  registerProfilePaths(registry, PROFILES_PATH);
  documentEnrolmentRefusals(registry);
  return buildOpenApiDocument(registry, {
    title: 'Auth Service',
    version: '1.0.0',
    description:
      'Phase 3 of the backend roadmap: register and login, second factors (TOTP, recovery codes, passkeys) and step-up, short-lived ES256 access tokens published as a JWKS, rotating refresh tokens with reuse detection, roles, lockout and rate limits.',
  });
}

/** The only objects that query the database: one per collection (sessions keep their refresh tokens). */
export interface Repositories {
  users: UserRepository;
  sessions: SessionRepository;
  emailTokens: EmailTokenRepository;
  totpFactors: TotpFactorRepository;
  recoveryCodes: RecoveryCodeRepository;
  mfaTickets: MfaTicketRepository;
  passkeys: PasskeyRepository;
  webAuthnChallenges: WebAuthnChallengeRepository;
  auditEvents: AuditEventRepository;
}

/**
 * The repositories on one connection, and what every process does with them: build their indexes
 * and hand the mail path the collections that carry owed mail (email tokens, used recovery codes).
 */
export const { createRepositories, owedMailSources, ensureIndexes } = defineRepositorySet<Repositories>({
  create: (connection) => ({
    users: new UserRepository(connection),
    sessions: new SessionRepository(connection),
    emailTokens: new EmailTokenRepository(connection),
    totpFactors: new TotpFactorRepository(connection),
    recoveryCodes: new RecoveryCodeRepository(connection),
    mfaTickets: new MfaTicketRepository(connection),
    passkeys: new PasskeyRepository(connection),
    webAuthnChallenges: new WebAuthnChallengeRepository(connection),
    auditEvents: new AuditEventRepository(connection),
  }),
  owedMail: (repositories, store) => [
    repositories.emailTokens.owedMailSource(store),
    repositories.recoveryCodes.owedMailSource(store),
  ],
});

export function createApp(deps: AuthAppDeps): Express {
  const { settings, logger, redis } = deps;
  const now = deps.now ?? (() => new Date());
  const repositories = createRepositories(deps.connection);
  const services = buildServices(deps, repositories, now);
  const { verifier, enrolmentVerifier } = services;

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
  app.use(accountPageRoutes());
  app.use(keyRoutes(services.issuer));
  app.use(SESSIONS_PATH, sessionRoutes(services.sessions, verifier));
  const limits = createRateLimiters(redis, deps.redisPrefix, settings.rateLimits);
  const responder = tokenResponder({ path: AUTH_BASE_PATH, secure: settings.cookieSecure });
  const mfa = {
    signIn: services.mfaSignIn,
    enrolment: services.totpEnrolment,
    recoveryCodes: services.recoveryCodes,
    policy: services.policy,
    responder,
  };
  app.use(MFA_PATH, mfaRoutes(mfa, { verifier, enrolmentVerifier, limit: limits.mfaByIp }));
  app.use(PASSKEYS_PATH, passkeyRoutes(services.passkeys, enrolmentVerifier));
  app.use(AUTH_BASE_PATH, mfaLoginRoutes(mfa, limits.mfaByIp));
  app.use(
    AUTH_BASE_PATH,
    authRoutes({
      account: services.account,
      signIn: services.signIn,
      tokens: services.tokens,
      sessions: services.sessions,
      responder,
      verifier,
      enrolmentVerifier,
      limits,
    }),
  );
  // Role changes need a second factor proven within the step-up window (RFC 9470 step-up).
  const stepUp = requireMfa({ maxAgeSeconds: settings.mfa.stepUpMaxAgeSeconds, now });
  app.use(ADMIN_BASE_PATH, adminRoutes(services.admin, services.audit, verifier, stepUp));
  app.use(PROFILES_PATH, profileRoutes(new ProfileService(repositories.users)));
  return finishApp(app);
}
