/**
 * The catalog cache: a read after a write never sees the old value, 200 concurrent misses rebuild a
 * page once (also across two instances, and when the rebuild outlives the lock), and with Redis cut the catalog comes from PostgreSQL within
 * the normal time while readiness says "degraded".
 */
import { randomUUID } from 'node:crypto';
import { closeRedisClient } from '@roadmap/redis';
import { startFaultProxy, testServices, waitFor, type FaultProxy } from '@roadmap/testing';
import request from 'supertest';
import { createCacheRedis } from '../src/platform/runtime.js';
import { createShopApp, createShopServices } from '../src/shop/app.js';
import { CatalogCache } from '../src/shop/modules/catalog/catalog-cache.js';
import { adminToken, API, createProduct, useStack } from './harness.js';

const stack = useStack('catalog-cache');

function instance(redis = stack.shop.redis) {
  const services = createShopServices({ ...stack.shop.deps, redis });
  return { services, app: stack.ctx.conform(createShopApp({ ...stack.shop.deps, redis }, services)) };
}

describe('catalog cache', () => {
  it('serves the second read from Redis and a read after an update with the new value', async () => {
    const product = await createProduct(stack, { name: 'Old Name' });
    const first = await request(stack.shop.app).get(`${API}/products/${product.slug}`);
    const second = await request(stack.shop.app).get(`${API}/products/${product.slug}`);
    expect([first.headers['x-cache'], second.headers['x-cache']]).toEqual(['MISS', 'HIT']);

    await request(stack.shop.app)
      .patch(`${API}/admin/products/${product.id}`)
      .set('Authorization', `Bearer ${adminToken(stack)}`)
      .send({ name: 'New Name' })
      .expect(200);
    const afterWrite = await request(stack.shop.app).get(`${API}/products/${product.slug}`);

    expect(afterWrite.body.name).toBe('New Name');
    expect(afterWrite.headers['x-cache']).toBe('MISS');
  });

  it('drops a product from cached lists as soon as it is unpublished', async () => {
    const product = await createProduct(stack, { name: 'Vanishing Lamp' });
    const listed = await request(stack.shop.app).get(`${API}/products`).query({ q: 'vanishing' });
    expect(listed.body.data.map((p: { slug: string }) => p.slug)).toEqual([product.slug]);

    await request(stack.shop.app)
      .patch(`${API}/admin/products/${product.id}`)
      .set('Authorization', `Bearer ${adminToken(stack)}`)
      .send({ published: false })
      .expect(200);

    const after = await request(stack.shop.app).get(`${API}/products`).query({ q: 'vanishing' });
    expect(after.body.data).toEqual([]);
  });

  it('rebuilds a cold page once for 200 concurrent misses spread over two instances', async () => {
    await createProduct(stack, { name: 'Stampede Kettle' });
    const a = instance();
    const b = instance();
    const query = { q: 'stampede', sort: 'name' };

    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        request((i % 2 === 0 ? a : b).app)
          .get(`${API}/products`)
          .query(query),
      ),
    );

    expect(answers.map((res) => res.status)).toEqual(Array(200).fill(200));
    // A read whose Redis round trip passed the cache client's 500 ms bound (a loaded machine) goes to
    // PostgreSQL by design (`bypassed`); every read that reached Redis shares one rebuild.
    const stats = [a.services.cache.stats, b.services.cache.stats];
    expect(stats.reduce((sum, s) => sum + s.rebuilds - s.bypassed, 0)).toBe(1);
    expect(new Set(answers.map((res) => JSON.stringify(res.body))).size).toBe(1);
  });

  it("waits for another instance's rebuild that outlives the lock, rather than repeating it", async () => {
    // Two instances' caches on their own keys, with a lock of 150 ms and a rebuild that lasts until
    // the test ends it: the holder must renew its lock for as long as it rebuilds.
    const lockMs = 150;
    const prefix = `catalog-cache-lock-${randomUUID()}:`;
    const clients = [0, 1].map(() => createCacheRedis(testServices.redisUrl, stack.ctx.logger));
    const [a, b] = clients.map(
      (redis) => new CatalogCache({ redis, prefix, ttlSeconds: 60, lockMs, logger: stack.ctx.logger }),
    ) as [CatalogCache, CatalogCache];
    try {
      await waitFor(() => clients.every((client) => client.status === 'ready'), {
        description: 'the cache clients to connect',
      });
      let rebuilding!: () => void;
      const holding = new Promise<void>((resolve) => (rebuilding = resolve));
      let finish!: (page: unknown) => void;
      const page = new Promise<unknown>((resolve) => (finish = resolve));
      const first = a.read('page', () => (rebuilding(), page));
      await holding;
      const second = b.read('page', async () => ({ from: 'b' }));

      // The lock's remaining time goes up at each renewal: four of them take it past its 150 ms.
      const lockKey = `${prefix}catalog:v0:page:lock`;
      let renewals = 0;
      let last = lockMs;
      await waitFor(
        async () => {
          const left = await clients[0]!.pttl(lockKey);
          if (left > last) renewals += 1;
          last = left;
          return renewals >= 4 && b.stats.waits === 1;
        },
        { intervalMs: 5, description: 'the lock renewed past its lifetime while b waits' },
      );
      finish({ from: 'a' });

      expect(JSON.parse((await first).json)).toEqual({ from: 'a' });
      expect(JSON.parse((await second).json)).toEqual({ from: 'a' });
      expect([a.stats.rebuilds, b.stats.rebuilds]).toEqual([1, 0]);
      expect(await clients[0]!.exists(lockKey)).toBe(0);
    } finally {
      const keys = await clients[0]!.keys(`${prefix}*`);
      if (keys.length > 0) await clients[0]!.del(...keys);
      await Promise.all(clients.map((client) => closeRedisClient(client)));
    }
  });

  describe('with Redis cut', () => {
    let proxy: FaultProxy;
    beforeAll(async () => {
      const target = new URL(testServices.redisUrl);
      proxy = await startFaultProxy({ target: { host: target.hostname, port: Number(target.port || 6379) } });
    });
    afterAll(() => proxy.close());

    it('serves the catalog from PostgreSQL within the normal time and reports readiness as degraded', async () => {
      const product = await createProduct(stack, { name: 'Outage Teapot' });
      const redis = createCacheRedis(proxy.url(testServices.redisUrl), stack.ctx.logger);
      const shop = instance(redis);
      await waitFor(() => redis.status === 'ready', { description: 'the cache client to connect' });
      await request(shop.app).get(`${API}/products/${product.slug}`).expect(200);

      proxy.cut();
      const started = Date.now();
      const page = await request(shop.app).get(`${API}/products`).query({ q: 'teapot' });
      const detail = await request(shop.app).get(`${API}/products/${product.slug}`);
      const elapsed = Date.now() - started;
      const ready = await request(shop.app).get('/readyz');

      expect(page.status).toBe(200);
      expect(page.body.data.map((p: { slug: string }) => p.slug)).toEqual([product.slug]);
      expect(detail.status).toBe(200);
      expect(detail.headers['x-cache']).toBe('MISS');
      expect(elapsed).toBeLessThan(2_000);
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({
        status: 'degraded',
        checks: { redis: { status: 'down' }, postgres: { status: 'up' } },
      });
      await closeRedisClient(redis);
      proxy.restore();
    });
  });
});
