/**
 * Configuration is read from the environment once, at start-up, validated with a zod schema and
 * passed down. A missing or malformed variable stops the process with a message naming it.
 */
import { isIP } from 'node:net';
import { z } from 'zod';

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Variables every service reads. `port` differs per project, so it is a function. */
export function baseEnvShape(defaultPort: number) {
  return {
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(defaultPort),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Seconds to let in-flight requests finish after SIGTERM before closing connections anyway. */
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().positive().max(120).default(10),
    /**
     * Seconds `/readyz` answers 503 before the listener closes, so a load balancer stops routing here
     * first. 0 (the default) suits a laptop and tests; behind a load balancer use its check interval.
     */
    SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(60).default(0),
    TRUST_PROXY: trustProxy,
  };
}

/** What Express's `trust proxy` accepts from TRUST_PROXY: a hop count, or the proxies' addresses. */
export type TrustProxy = number | string[];

// Express's (proxy-addr's) names for address ranges, beside plain addresses and CIDR subnets.
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  if (rest.length > 0) return false;
  if (NAMED_RANGES.has(address)) return bits === undefined;
  return isIP(address) !== 0 && (bits === undefined || /^\d{1,3}$/.test(bits));
}

/**
 * TRUST_PROXY: which peers may tell the app, through X-Forwarded-* headers, the client's address, the
 * protocol, host and path prefix it used. 0 (the default) believes no one; a number trusts that many
 * proxies in front (1: the edge, a platform's load balancer); a comma-separated list trusts those
 * addresses only, e.g. `loopback` for an edge on the same machine (scripts/start.sh).
 */
export const trustProxy = z
  .string()
  .default('0')
  .transform((value, ctx): TrustProxy => {
    const text = value.trim();
    if (/^\d+$/.test(text) && Number(text) <= 10) return Number(text);
    const entries = text.split(',').map((entry) => entry.trim());
    if (entries.length > 0 && entries.every(isProxyAddress)) return entries;
    ctx.addIssue({
      code: 'custom',
      message: 'must be a number of proxies (0-10) or a comma-separated list of addresses, subnets or loopback',
    });
    return z.NEVER;
  });

/** A comma-separated list variable, e.g. `CORS_ORIGINS=https://a.dev,https://b.dev`. */
export const commaList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

/** Parses `env` with `schema`; throws a ConfigError naming every bad variable. */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.map(String).join('.') || '(environment)';
    const value = issue.path.length === 1 ? env[String(issue.path[0])] : undefined;
    return value === undefined ? `${name}: ${issue.message} (not set)` : `${name}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/**
 * A true/false environment flag, e.g. `MAIL_WORKER=false`. Only `true` and `false` are accepted, so a
 * typo such as `flase` stops the start-up instead of silently meaning true.
 */
export function envBoolean(fallback: boolean) {
  return z
    .enum(['true', 'false'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true');
}

/**
 * A development default that production must not run with. `refuses` returns why the value is
 * refused, or undefined when it is acceptable.
 */
export interface ProductionRefusal {
  variable: string;
  refuses(value: unknown): string | undefined;
}

// Mechanisms that authenticate without a password in the URL (certificates, cloud identities).
const PASSWORDLESS_MECHANISMS = ['authMechanism', 'sslcert', 'tlsCertificateKeyFile'];

// scheme://[user[:password]@]host[:port][,host...][/database][?options]: MongoDB seed lists are not
// WHATWG URLs (several hosts), so database URLs are taken apart with this instead of new URL().
const DATABASE_URL_PATTERN = /^([a-z][a-z0-9+.-]*:\/\/)(?:([^@/?]*)@)?([^/?]*)(\/[^?]*)?(\?.*)?$/i;

/** A database URL without a password relies on the server trusting every client (trust authentication). */
export function passwordlessDatabaseUrl(variable: string): ProductionRefusal {
  return {
    variable,
    refuses(value) {
      if (typeof value !== 'string') return undefined;
      const parts = DATABASE_URL_PATTERN.exec(value);
      if (!parts) return 'must be a URL';
      const password = parts[2]?.split(':')[1] ?? '';
      const options = new URLSearchParams(parts[5] ?? '');
      if (password !== '' || PASSWORDLESS_MECHANISMS.some((name) => options.has(name))) return undefined;
      return 'has no password: production refuses a database that trusts every client; put the credentials in the URL';
    },
  };
}

/**
 * MONGO_URL for an app whose database is `database`: the local server by default, and when a URL
 * names no database (an Atlas SRV URI often names none) the app's own is put in, so several apps can
 * share one URL without sharing a database.
 */
export function mongoUrl(database: string) {
  return z
    .string()
    .min(1)
    .default(`mongodb://127.0.0.1:27017/${database}`)
    .transform((url) => {
      const parts = DATABASE_URL_PATTERN.exec(url);
      if (!parts || (parts[4] !== undefined && parts[4] !== '/')) return url;
      const [, scheme, credentials, hosts, , options = ''] = parts;
      return `${scheme}${credentials === undefined ? '' : `${credentials}@`}${hosts}/${database}${options}`;
    });
}

/**
 * MONGO_TIMEOUT_MS: about the longest a request waits on a MongoDB that does not answer before it is
 * answered 503 (connectMongo's `timeoutMs`; see mongoBounds in mongo/connection.ts for how it is spent).
 */
export const mongoTimeoutEnvShape = {
  MONGO_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(2000),
};

/** A secret whose development value ships in the code: production must set its own. */
export function developmentSecret(variable: string, developmentValue: string): ProductionRefusal {
  return {
    variable,
    refuses: (value) =>
      value === developmentValue ? 'is the development default, which is public: set a secret of your own' : undefined,
  };
}

/** A safety switch (e.g. COOKIE_SECURE) that production must leave on. */
export function safetySwitch(variable: string): ProductionRefusal {
  return {
    variable,
    refuses: (value) => (value === false ? 'must not be false in production' : undefined),
  };
}

/**
 * A `superRefine` step for an env schema: with NODE_ENV=production, every listed development default
 * becomes a start-up error naming its variable.
 */
export function refuseDevelopmentDefaults(...refusals: ProductionRefusal[]) {
  return (env: { NODE_ENV: string }, ctx: z.RefinementCtx): void => {
    if (env.NODE_ENV !== 'production') return;
    const values = env as Record<string, unknown>;
    for (const { variable, refuses } of refusals) {
      const reason = refuses(values[variable]);
      if (reason !== undefined) ctx.addIssue({ code: 'custom', path: [variable], message: reason });
    }
  };
}
