/** The tunable rules of the service, passed into createApp; tests shrink windows and limits. */
import { loadAuthConfig, type AuthConfig } from './config.js';
import type { LockoutPolicy } from './modules/auth/lockout-policy.js';

export interface RateLimitSettings {
  windowMs: number;
  loginPerIp: number;
  loginPerAccount: number;
  registerPerIp: number;
  forgotPasswordPerIp: number;
}

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
  trustProxy: number;
  cookieSecure: boolean;
  rateLimits: RateLimitSettings;
  /** Counters of one account from one IP: what a single attacker hits first. */
  pairLockout: LockoutPolicy;
  /** Counters of one account from every IP: a higher threshold, for distributed guessing. */
  accountLockout: LockoutPolicy;
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
      loginPerAccount: config.RATE_LIMIT_LOGIN_PER_ACCOUNT,
      registerPerIp: config.RATE_LIMIT_REGISTER_PER_IP,
      forgotPasswordPerIp: config.RATE_LIMIT_FORGOT_PER_IP,
    },
    pairLockout: { threshold: 5, baseDelayMs: MINUTE, maxDelayMs: 15 * MINUTE, resetAfterMs: 12 * 60 * MINUTE },
    accountLockout: { threshold: 20, baseDelayMs: MINUTE, maxDelayMs: 15 * MINUTE, resetAfterMs: 12 * 60 * MINUTE },
  };
}

/** The settings of an empty environment (tests, bench): the config schema's defaults, written only there. */
export function defaultSettings(overrides: Partial<AuthSettings> = {}): AuthSettings {
  return { ...settingsFromConfig(loadAuthConfig({})), ...overrides };
}
