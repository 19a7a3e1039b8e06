/**
 * ioredis clients with bounded waits (see redis-options.ts), logging when the connection is lost
 * and when it is back (once each, not once per reconnect attempt), and a readiness check that
 * holds every given client to the same standard.
 */
import type { Logger, ReadinessCheck } from '@roadmap/core';
import { Redis } from 'ioredis';
import { DEFAULT_REDIS_BOUNDS, redisOptions, type RedisBounds, type RedisRole } from './redis-options.js';

export interface RedisClientOptions {
  /** Named in log lines, e.g. 'rate-limits' or 'queue:emails/bclient'. */
  name: string;
  logger: Logger;
  role?: RedisRole;
  bounds?: Partial<RedisBounds>;
}

const roles = new WeakMap<Redis, RedisRole>();

function logConnectionState(client: Redis, log: Logger): void {
  let lost = false;
  client.on('error', (err: Error) => {
    if (lost) return;
    lost = true;
    log.warn({ err }, 'redis connection lost; reconnecting');
  });
  client.on('ready', () => {
    if (!lost) return;
    lost = false;
    log.info('redis connection back');
  });
}

export function createRedisClient(url: string, { name, logger, role = 'command', bounds }: RedisClientOptions): Redis {
  const client = new Redis(url, redisOptions(role, { ...DEFAULT_REDIS_BOUNDS, ...bounds }));
  roles.set(client, role);
  logConnectionState(client, logger.child({ redis: name }));
  return client;
}

/**
 * Ready when every client is connected and the command clients answer PING. Blocking and subscriber
 * connections are only checked for their state: a PING on them would wait behind their blocking read.
 */
export function redisReadiness(clients: () => readonly Redis[]): ReadinessCheck {
  return async () => {
    const all = clients();
    const notReady = all.filter((client) => client.status !== 'ready');
    if (notReady.length > 0) throw new Error(`${notReady.length} of ${all.length} redis connections are not ready`);
    await Promise.all(all.filter((client) => (roles.get(client) ?? 'command') === 'command').map((c) => c.ping()));
  };
}

/**
 * QUIT a connected command client (letting pending replies arrive); drop any other connection at
 * once, since a QUIT would wait behind a blocking read.
 */
export async function closeRedisClient(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  if (client.status !== 'ready' || (roles.get(client) ?? 'command') !== 'command') {
    client.disconnect();
    return;
  }
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
