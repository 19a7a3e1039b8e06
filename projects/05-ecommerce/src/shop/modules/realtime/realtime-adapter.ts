/**
 * The Socket.io Redis adapter (@socket.io/redis-adapter 8) on bounded connections from
 * @roadmap/redis: an emit on one shop instance is published on Redis and reaches the sockets of every
 * instance. The adapter publishes without catching, so a publish that fails while Redis is down is
 * logged here instead of becoming an unhandled rejection (which would stop the process); the emit
 * still reaches this instance's own sockets.
 */
import type { Logger, ReadinessCheck } from '@roadmap/core';
import { closeRedisClient, createRedisClient, redisReadiness } from '@roadmap/redis';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';

export interface RealtimeAdapter {
  adapter: ReturnType<typeof createAdapter>;
  readiness: ReadinessCheck;
  close(): Promise<void>;
}

export function createRealtimeAdapter(url: string, { key, logger }: { key: string; logger: Logger }): RealtimeAdapter {
  const pub = createRedisClient(url, { name: 'socket.io/pub', logger });
  const sub = createRedisClient(url, { name: 'socket.io/sub', logger, role: 'subscriber' });
  const publish = pub.publish.bind(pub) as (...args: unknown[]) => Promise<number>;
  let lastWarning = 0;
  pub.publish = ((...args: unknown[]) =>
    publish(...args).catch((err: unknown) => {
      // Once a second at most: an outage would otherwise log every emit.
      if (Date.now() - lastWarning > 1000) {
        lastWarning = Date.now();
        logger.warn({ err }, 'socket.io broadcast not published on redis: other instances miss it');
      }
      return 0;
    })) as Redis['publish'];
  return {
    adapter: createAdapter(pub, sub, { key }),
    readiness: redisReadiness(() => [pub, sub]),
    async close() {
      await Promise.all([closeRedisClient(pub), closeRedisClient(sub)]);
    },
  };
}
