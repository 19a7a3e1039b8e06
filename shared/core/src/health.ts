/**
 * `/healthz` answers whether the process is alive; `/readyz` whether it can serve traffic now:
 * each dependency check must pass within its timeout, and a draining server is not ready. Both are
 * public, so they name dependencies and their states only; why a check failed goes to the log.
 */
import { Router } from 'express';
import type { Logger } from 'pino';

export type ReadinessCheck = () => Promise<unknown>;

export interface HealthOptions {
  checks?: Record<string, ReadinessCheck>;
  /**
   * Dependencies the service can run without (e.g. a cache it falls back from): when one fails,
   * `/readyz` still answers 200, with status "degraded" and the failing check named.
   */
  optionalChecks?: Record<string, ReadinessCheck>;
  timeoutMs?: number;
  /** True once shutdown has begun, so load balancers stop sending new requests. */
  isDraining?: () => boolean;
  /** Where failed checks are logged when the request has no logger of its own. */
  logger?: Logger;
}

async function withTimeout(check: ReadinessCheck, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function runCheck(name: string, check: ReadinessCheck, timeoutMs: number, log: Logger | undefined) {
  try {
    await withTimeout(check, timeoutMs);
    return [name, { status: 'up' }] as const;
  } catch (err) {
    log?.warn({ err, dependency: name }, 'readiness check failed');
    return [name, { status: 'down' }] as const;
  }
}

export function healthRoutes({
  checks = {},
  optionalChecks = {},
  timeoutMs = 2000,
  isDraining = () => false,
  logger,
}: HealthOptions = {}): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    const [required, optional] = await Promise.all([
      Promise.all(Object.entries(checks).map(([name, check]) => runCheck(name, check, timeoutMs, req.log ?? logger))),
      Promise.all(
        Object.entries(optionalChecks).map(([name, check]) => runCheck(name, check, timeoutMs, req.log ?? logger)),
      ),
    ]);
    const draining = isDraining();
    const ready = !draining && required.every(([, result]) => result.status === 'up');
    const degraded = optional.some(([, result]) => result.status !== 'up');
    res.status(ready ? 200 : 503).json({
      status: draining ? 'draining' : !ready ? 'not ready' : degraded ? 'degraded' : 'ready',
      checks: Object.fromEntries([...required, ...optional]),
    });
  });
  return router;
}
