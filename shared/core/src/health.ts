/**
 * `/healthz` answers whether the process is alive; `/readyz` whether it can serve traffic now:
 * each dependency check must pass within its timeout, and a draining server is not ready. Both are
 * public, so they name dependencies and their states only; why a check failed goes to the log.
 */
import { Router } from 'express';
import type { Logger } from 'pino';

export type ReadinessCheck = () => Promise<unknown>;

/** Something shaped like a Mongoose connection: `db` is set once connected. */
export interface PingableMongo {
  db?: { admin(): { ping(): Promise<unknown> } } | undefined;
}

/** A readiness check that pings MongoDB through a (Mongoose) connection. */
export function mongoReadiness(connection: PingableMongo): ReadinessCheck {
  return async () => {
    if (!connection.db) throw new Error('not connected');
    await connection.db.admin().ping();
  };
}

export interface HealthOptions {
  checks?: Record<string, ReadinessCheck>;
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

export function healthRoutes({
  checks = {},
  timeoutMs = 2000,
  isDraining = () => false,
  logger,
}: HealthOptions = {}): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await withTimeout(check, timeoutMs);
          return [name, { status: 'up' }] as const;
        } catch (err) {
          (req.log ?? logger)?.warn({ err, dependency: name }, 'readiness check failed');
          return [name, { status: 'down' }] as const;
        }
      }),
    );
    const draining = isDraining();
    const ready = !draining && results.every(([, result]) => result.status === 'up');
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : draining ? 'draining' : 'not ready',
      checks: Object.fromEntries(results),
    });
  });
  return router;
}
