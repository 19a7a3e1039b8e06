/**
 * `pnpm seed`: idempotent demo data for the shop: the catalog of seed-data.ts, three demo customers and
 * orders in every state (pending payment, paid, shipped, delivered, cancelled, refunded), made through
 * the shop's own services so stock, history and audit are what real use would leave. The events those
 * changes record are marked published: the demo orders are history, not news for the other services.
 */
import { randomUUID } from 'node:crypto';
import { createLogger, startOrExit, baseEnvShape } from '@roadmap/core';
import { z } from 'zod';
import { systemClock } from './platform/clock.js';
import { infrastructureEnvShape } from './platform/config.js';
import { Outbox } from './platform/messaging/outbox.js';
import { createCacheRedis, openDatabase } from './platform/runtime.js';
import { createShopServices, type ShopServices } from './shop/app.js';
import type { OrderStatus, ShopDatabase } from './shop/database.js';
import { ProductRepository } from './shop/modules/catalog/index.js';
import { variantsWithAvailable } from './shop/modules/inventory/index.js';
import { OrderRepository } from './shop/modules/orders/index.js';
import { CATEGORIES, demoProducts } from './shop/seed-data.js';

const ADMIN = { type: 'admin' as const, id: 'seed' };
/** The demo data's admin actions are audited like anyone's, as the seed's. */
const SEED_ADMIN = { id: 'seed', email: null };
const ADDRESS = { name: 'Demo Customer', line1: '1 Demo Street', city: 'Berlin', postalCode: '10115', country: 'DE' };
const CUSTOMERS = ['demo-customer-1', 'demo-customer-2', 'demo-customer-3'];
const DEMO_DOMAIN = 'demo.shop.test';
const DEMO_EMAIL = (id: string) => `${id}@${DEMO_DOMAIN}`;

/** How each demo order ends up, after checkout. */
const ORDER_PLANS: OrderStatus[] = [
  'pending_payment',
  'paid',
  'paid',
  'fulfilled',
  'delivered',
  'cancelled',
  'refunded',
];

async function payment(
  services: ShopServices,
  orderId: string,
  type: 'payment.succeeded.v1' | 'payment.refunded.v1',
  totalMinor: number,
) {
  const common = { paymentId: randomUUID(), orderId, amountMinor: totalMinor, currency: 'EUR' };
  const data =
    type === 'payment.succeeded.v1'
      ? { ...common, provider: 'fake', providerPaymentId: `pi_seed_${orderId.slice(0, 8)}` }
      : common;
  await services.paymentOutcomes.handle({
    id: randomUUID(),
    type,
    occurredAt: new Date().toISOString(),
    data,
  } as never);
}

async function placeDemoOrder(
  services: ShopServices,
  userId: string,
  variantIds: string[],
  plan: OrderStatus,
  n: number,
) {
  const owner = { kind: 'user' as const, userId };
  for (const variantId of variantIds) await services.carts.addItem(owner, { variantId, quantity: 1 + (n % 2) });
  const { result } = await services.checkout.checkout(owner, DEMO_EMAIL(userId), `seed-${userId}-${n}`, {
    shippingAddress: ADDRESS,
  });
  const { id, totalMinor } = result.order;
  if (plan === 'cancelled')
    await services.orders.transition(
      id,
      { to: 'cancelled', reason: 'customer changed their mind' },
      { type: 'customer', id: userId },
    );
  if (plan === 'pending_payment' || plan === 'cancelled') return;
  await payment(services, id, 'payment.succeeded.v1', totalMinor);
  if (plan === 'fulfilled' || plan === 'delivered')
    await services.orders.transition(id, { to: 'fulfilled', trackingNumber: `DEMO${n}` }, ADMIN);
  if (plan === 'delivered') await services.orders.transition(id, { to: 'delivered' }, ADMIN);
  if (plan === 'refunded') {
    await services.orders.transition(id, { to: 'refunded', reason: 'damaged in transit' }, ADMIN);
    await payment(services, id, 'payment.refunded.v1', totalMinor);
  }
}

startOrExit(async () => {
  const env = z.object({ ...baseEnvShape(3005), ...infrastructureEnvShape }).parse(process.env);
  const logger = createLogger({ name: 'shop-seed', level: env.LOG_LEVEL });
  const database = await openDatabase<ShopDatabase>({ ...env, MIGRATE_ON_START: 'true' }, 'shop', logger);
  // Without Redis the cache is simply not invalidated: its keys expire (CATALOG_CACHE_TTL_SECONDS).
  const redis = createCacheRedis(env.REDIS_URL, logger);
  const outbox = new Outbox(systemClock);
  const products = new ProductRepository(database.db);
  const orders = new OrderRepository(database.db);
  const services = createShopServices({
    logger,
    db: database.db,
    redis,
    verifier: { verify: () => Promise.reject(new Error('the seed verifies no tokens')) },
    outbox,
    settings: {
      cartTokenSecret: 'seed-does-not-issue-cart-tokens-0000000',
      reservationTtlSeconds: 7 * 24 * 3600,
      lowStockThreshold: 5,
      cacheTtlSeconds: 300,
      paymentsUrl: 'http://localhost:3006',
      redisPrefix: `${env.REDIS_PREFIX}:shop:`,
      rateLimitPerMinute: 1,
      checkoutRateLimitPerMinute: 1,
    },
  });
  try {
    const existing = new Set((await services.products.listCategories()).map((c) => c.slug));
    for (const category of CATEGORIES)
      if (!existing.has(category.slug)) await services.products.createCategory(category, SEED_ADMIN);
    let created = 0;
    for (const product of demoProducts()) {
      if (!(await products.findBy('slug', product.slug))) {
        await services.products.create(product, SEED_ADMIN);
        created += 1;
      }
    }
    const ordersExist = await orders.anyFromDomain(DEMO_DOMAIN);
    if (!ordersExist) {
      const variants = await variantsWithAvailable(database.db, 4, ORDER_PLANS.length * 2);
      for (const [n, plan] of ORDER_PLANS.entries()) {
        const picks = [variants[(n * 2) % variants.length]!, variants[(n * 2 + 1) % variants.length]!];
        await placeDemoOrder(services, CUSTOMERS[n % CUSTOMERS.length]!, picks, plan, n);
      }
    }
    await outbox.markAllPublished(database.db);
    await services.cache.invalidate();
    logger.info({ productsCreated: created, demoOrders: ordersExist ? 0 : ORDER_PLANS.length }, 'seeded');
  } finally {
    redis.disconnect();
    await database.close();
  }
});
