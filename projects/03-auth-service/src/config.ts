/**
 * The auth service's environment, validated at start-up. Production refuses a bcrypt cost below 12,
 * a missing signing key or one generated for development, a password-less MONGO_URL and
 * COOKIE_SECURE=false; development and tests may run with an ephemeral key.
 */
import { authVerifierEnvShape, RoleSchema, type Role } from '@roadmap/auth';
import {
  baseEnvShape,
  commaList,
  envBoolean,
  loadConfig,
  mongoTimeoutEnvShape,
  mongoUrl,
  passwordlessDatabaseUrl,
  refuseDevelopmentDefaults,
  safetySwitch,
  type ProductionRefusal,
  type TrustProxy,
} from '@roadmap/core';
import { mailRetryEnvShape } from '@roadmap/mail';
import { redisBoundsEnvShape } from '@roadmap/redis';
import { z } from 'zod';
import type { AccountAttackPolicy, LockoutPolicy, RateLimitSettings } from './modules/auth/index.js';
import { isDevelopmentKey, parsePublicKeyBundle, type PreviousPublicKey } from './modules/keys/index.js';
import { DEVELOPMENT_MFA_KEY, parseMfaKey } from './modules/mfa/index.js';

const developmentKey: ProductionRefusal = {
  variable: 'JWT_PRIVATE_KEY',
  refuses: (value) =>
    typeof value === 'string' && isDevelopmentKey(value)
      ? 'is a key generated for development: create a production key (see docs/deploy.md)'
      : undefined,
};

const developmentMfaKey: ProductionRefusal = {
  variable: 'MFA_ENCRYPTION_KEY',
  refuses: (value) =>
    value === undefined || value === DEVELOPMENT_MFA_KEY
      ? 'is required in production and must not be the development key: openssl rand -base64 32'
      : undefined,
};

export const authEnvSchema = z
  .object({
    ...baseEnvShape(3003),
    MONGO_URL: mongoUrl('auth-service'),
    ...mongoTimeoutEnvShape,
    REDIS_URL: z.string().min(1).default('redis://127.0.0.1:6379'),
    ...redisBoundsEnvShape,
    /** Prefix of every Redis key this service writes (rate limits, lockout counters, the mail queue). */
    REDIS_PREFIX: z.string().default('auth:'),
    BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
    /** PEM of the ES256 (P-256) or RS256 private key; `\n` escapes are accepted. */
    JWT_PRIVATE_KEY: z.string().min(1).optional(),
    /** A PEM file holding the key (e.g. a mounted secret); outside production it is created if missing. */
    JWT_PRIVATE_KEY_FILE: z.string().min(1).optional(),
    /**
     * Public keys of earlier signing keys, still published and accepted during a rotation: one or more
     * PEMs one after another (`\n` escapes accepted). Empty once the old tokens have expired.
     */
    JWT_PREVIOUS_PUBLIC_KEYS: z
      .string()
      .default('')
      .transform((value, ctx): PreviousPublicKey[] => {
        if (value.trim() === '') return [];
        try {
          return parsePublicKeyBundle(value);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
          return z.NEVER;
        }
      }),
    AUTH_ISSUER: authVerifierEnvShape.AUTH_ISSUER,
    AUTH_AUDIENCE: authVerifierEnvShape.AUTH_AUDIENCE,
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    /** Seconds during which the immediately previous refresh token still works (0 = off). */
    REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(60).default(0),
    /** Seconds between runs of the data-retention job (0 = never; FerretDB has no TTL indexes). */
    CLEANUP_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(3600),
    /** Days an expired or revoked session and its refresh tokens are kept, so replays are still detected. */
    ENDED_SESSION_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
    AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).default(90),
    CORS_ORIGINS: commaList,
    SMTP_URL: z.url().optional(),
    MAIL_FROM: z.string().min(3).default('Backend Roadmap Auth <no-reply@example.com>'),
    ...mailRetryEnvShape,
    /** Where the links in emails point: this service's verify-email and reset-password pages. */
    PUBLIC_URL: z.url().default('http://localhost:3003'),
    /** Send the refresh cookie only over HTTPS. Browsers treat http://localhost as secure. */
    COOKIE_SECURE: envBoolean(true),
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
    RATE_LIMIT_LOGIN_PER_IP: z.coerce.number().int().positive().default(50),
    /** Refresh tokens presented per IP and window: generous, since many users may share an address. */
    RATE_LIMIT_REFRESH_PER_IP: z.coerce.number().int().positive().default(300),
    /** Tokens from emailed links (verify-email, reset-password) tried per IP and window. */
    RATE_LIMIT_EMAIL_LINK_PER_IP: z.coerce.number().int().positive().default(20),
    RATE_LIMIT_REGISTER_PER_IP: z.coerce.number().int().positive().default(10),
    RATE_LIMIT_FORGOT_PER_IP: z.coerce.number().int().positive().default(5),
    /** Second-factor codes, passkey sign-ins and step-ups per IP and window. */
    RATE_LIMIT_MFA_PER_IP: z.coerce.number().int().positive().default(50),
    /**
     * A random secret of 32+ characters: seals TOTP secrets (AES-256-GCM) and keys the recovery-code
     * digests. Outside production a public development key stands in; production refuses it.
     */
    MFA_ENCRYPTION_KEY: z
      .string()
      .optional()
      .superRefine((value, ctx) => {
        if (value === undefined) return;
        try {
          parseMfaKey(value);
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: (err as Error).message });
        }
      }),
    /** Roles that must enrol a second factor; until they do, their tokens only reach the enrolment routes. */
    MFA_REQUIRED_ROLES: commaList.pipe(z.array(RoleSchema)),
    /** The name authenticator apps and passkey prompts show for this service. */
    MFA_ISSUER_NAME: z.string().trim().min(1).max(60).default('Backend Roadmap'),
    /** How recent a second factor must be for role changes and for changing one's own factors. */
    MFA_STEP_UP_MAX_AGE_SECONDS: z.coerce.number().int().min(30).max(3600).default(600),
    MFA_TICKET_TTL_SECONDS: z.coerce.number().int().min(30).max(900).default(300),
    /** The WebAuthn RP ID: the site's domain (no scheme, no port), e.g. auth.example.com or localhost. */
    WEBAUTHN_RP_ID: z
      .string()
      .regex(/^[a-z0-9.-]+$/i, 'must be a domain name, e.g. example.com or localhost')
      .default('localhost'),
    /** Origins passkeys may be used from (the account page's); empty means PUBLIC_URL's origin. */
    WEBAUTHN_ORIGINS: commaList.pipe(z.array(z.url())),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.BCRYPT_COST >= 12, {
    path: ['BCRYPT_COST'],
    message: 'must be at least 12 in production',
  })
  .refine(
    (env) =>
      env.NODE_ENV !== 'production' || env.JWT_PRIVATE_KEY !== undefined || env.JWT_PRIVATE_KEY_FILE !== undefined,
    {
      path: ['JWT_PRIVATE_KEY'],
      message: 'is required in production (a PEM private key, or JWT_PRIVATE_KEY_FILE naming one)',
    },
  )
  .superRefine(
    refuseDevelopmentDefaults(
      passwordlessDatabaseUrl('MONGO_URL'),
      safetySwitch('COOKIE_SECURE'),
      developmentKey,
      developmentMfaKey,
    ),
  );

export type AuthConfig = z.output<typeof authEnvSchema>;

/** The database to use when MONGO_URL names none (mongodb://host:27017), so seed and server agree. */
export const DEFAULT_DB_NAME = 'auth-service';

export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  return loadConfig(authEnvSchema, env);
}

// The tunable rules of the service, derived from the environment once and passed into createApp;
// tests shrink windows and limits.

export interface AuthSettings {
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlMs: number;
  /** 0 turns the reuse grace window off (the default). */
  refreshReuseGraceMs: number;
  emailTokenTtlMs: { verifyEmail: number; resetPassword: number };
  /** The data-retention job run by the server; intervalMs 0 turns it off. */
  retention: { intervalMs: number; endedSessionRetentionMs: number; auditRetentionMs: number };
  corsOrigins: string[];
  publicUrl: string;
  trustProxy: TrustProxy;
  cookieSecure: boolean;
  rateLimits: RateLimitSettings;
  /** Failures of one account from one address: that address is locked out of that account. */
  pairLockout: LockoutPolicy;
  /** Failures of one account from every address: the account is under attack (never locked). */
  accountLockout: AccountAttackPolicy;
  mfa: MfaSettings;
}

export interface MfaSettings {
  /** The key material of MFA_ENCRYPTION_KEY (HKDF derives the keys it is used for). */
  encryptionKey: Buffer;
  requiredRoles: Role[];
  issuerName: string;
  stepUpMaxAgeSeconds: number;
  ticketTtlMs: number;
  /** Wrong second factors one MFA ticket survives. */
  maxTicketFailures: number;
  relyingParty: { id: string; name: string; origins: string[]; challengeTtlMs: number };
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function settingsFromConfig(config: AuthConfig): AuthSettings {
  return {
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlMs: config.REFRESH_TOKEN_TTL_DAYS * DAY,
    refreshReuseGraceMs: config.REFRESH_REUSE_GRACE_SECONDS * 1000,
    // Not configurable: these have no environment variable.
    emailTokenTtlMs: { verifyEmail: 24 * 60 * MINUTE, resetPassword: 30 * MINUTE },
    retention: {
      intervalMs: config.CLEANUP_INTERVAL_SECONDS * 1000,
      endedSessionRetentionMs: config.ENDED_SESSION_RETENTION_DAYS * DAY,
      auditRetentionMs: config.AUDIT_RETENTION_DAYS * DAY,
    },
    corsOrigins: config.CORS_ORIGINS,
    publicUrl: config.PUBLIC_URL,
    trustProxy: config.TRUST_PROXY,
    cookieSecure: config.COOKIE_SECURE,
    rateLimits: {
      windowMs: config.RATE_LIMIT_WINDOW_SECONDS * 1000,
      loginPerIp: config.RATE_LIMIT_LOGIN_PER_IP,
      registerPerIp: config.RATE_LIMIT_REGISTER_PER_IP,
      forgotPasswordPerIp: config.RATE_LIMIT_FORGOT_PER_IP,
      refreshPerIp: config.RATE_LIMIT_REFRESH_PER_IP,
      emailLinkPerIp: config.RATE_LIMIT_EMAIL_LINK_PER_IP,
      mfaPerIp: config.RATE_LIMIT_MFA_PER_IP,
    },
    pairLockout: { threshold: 5, baseDelayMs: MINUTE, maxDelayMs: 15 * MINUTE, resetAfterMs: 12 * 60 * MINUTE },
    accountLockout: { threshold: 20, windowMs: 60 * MINUTE },
    mfa: {
      encryptionKey: parseMfaKey(config.MFA_ENCRYPTION_KEY ?? DEVELOPMENT_MFA_KEY),
      requiredRoles: config.MFA_REQUIRED_ROLES,
      issuerName: config.MFA_ISSUER_NAME,
      stepUpMaxAgeSeconds: config.MFA_STEP_UP_MAX_AGE_SECONDS,
      ticketTtlMs: config.MFA_TICKET_TTL_SECONDS * 1000,
      maxTicketFailures: 5,
      relyingParty: {
        id: config.WEBAUTHN_RP_ID,
        name: config.MFA_ISSUER_NAME,
        origins:
          config.WEBAUTHN_ORIGINS.length > 0
            ? config.WEBAUTHN_ORIGINS.map((origin) => new URL(origin).origin)
            : [new URL(config.PUBLIC_URL).origin],
        challengeTtlMs: 5 * MINUTE,
      },
    },
  };
}

/** The settings of an empty environment (tests, bench): the config schema's defaults, written only there. */
export function defaultSettings(overrides: Partial<AuthSettings> = {}): AuthSettings {
  return { ...settingsFromConfig(loadAuthConfig({})), ...overrides };
}
