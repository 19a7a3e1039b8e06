/**
 * A Redis key prefix of this test file's own on the real Redis. Pass `prefix` to Bull and to rate
 * limiters; the returned client has no key prefix of its own. Cleanup deletes every key under it.
 */
import { Redis } from 'ioredis';
import { isolatedName } from './ids.js';
import { testServices } from './services.js';

export interface TestRedis {
  redis: Redis;
  /** E.g. `t_auth_ab12cd34ef:`; every key the test writes starts with it. */
  prefix: string;
  /** A new connection to the same server, for code that needs its own (e.g. Bull subscribers). */
  connect(): Redis;
  cleanup(): Promise<void>;
}

export async function createTestRedis(prefix: string, url = testServices.redisUrl): Promise<TestRedis> {
  const keyPrefix = `${isolatedName(prefix)}:`;
  const extra: Redis[] = [];
  const redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: true });
  await redis.connect();
  return {
    redis,
    prefix: keyPrefix,
    connect() {
      const client = new Redis(url, { maxRetriesPerRequest: null });
      extra.push(client);
      return client;
    },
    async cleanup() {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
      await Promise.all(extra.map((client) => client.quit().catch(() => undefined)));
      await redis.quit();
    },
  };
}
