/**
 * Configuration is read from the environment once, at start-up, validated with a zod schema and
 * passed down. A missing or malformed variable stops the process with a message naming it.
 */
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
  };
}

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
