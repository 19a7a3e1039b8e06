/**
 * Reservation expiry: each order's delayed Bull job, and the sweep from PostgreSQL that catches the
 * orders whose job was never added or was lost with Redis's data.
 */
import { randomUUID } from 'node:crypto';
import { openQueue } from '@roadmap/redis';
import { testLogger } from '@roadmap/testing';
import type Bull from 'bull';
import type { Express } from 'express';
import request from 'supertest';
import { createShopApp, createShopServices } from '../src/shop/app.js';
import {
  EXPIRY_QUEUE,
  scheduleExpiry,
  startReservationExpiry,
  type ExpiryJob,
  type ReservationExpiry,
} from '../src/shop/jobs/reservation-expiry.js';
import { ADDRESS, API, createProduct, guestCartWith, placeOrder, stockOf, useStack, waitForOrder } from './harness.js';

const stack = useStack('expiry', { reservationTtlSeconds: 60 });

/** Redis losing data, as a flush would, limited to this test's own keys; answers how many went. */
async function deleteKeys(pattern: string): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await stack.redis.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await stack.redis.redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}

describe('reservation expiry', () => {
  const started: { queue: Bull.Queue<ExpiryJob>; expiry: ReservationExpiry }[] = [];
  afterEach(async () => {
    for (const { queue, expiry } of started.splice(0)) {
      await expiry.close();
      await queue.close();
    }
  });

  /** The shop with its expiry jobs and sweep on the test's queue; orders reserve for `ttlSeconds`. */
  function shopWithExpiry(ttlSeconds: number, sweepEveryMs: number) {
    const logger = testLogger('expiry');
    const queue = openQueue<ExpiryJob>(EXPIRY_QUEUE, {
      redis: stack.queueRedis,
      prefix: `${stack.redis.prefix}bull`,
      logger,
    });
    const deps = {
      ...stack.shop.deps,
      settings: { ...stack.shop.deps.settings, reservationTtlSeconds: ttlSeconds },
      onOrderPlaced: scheduleExpiry(queue, stack.clock, { attempts: 3, backoffMs: 50 }, logger),
    };
    const services = createShopServices(deps);
    const expiry = startReservationExpiry({ queue, orders: services.orders, sweepEveryMs, logger });
    started.push({ queue, expiry });
    return { queue, app: stack.ctx.conform(createShopApp(deps, services)) };
  }

  async function checkoutOn(app: Express, cart: string): Promise<string> {
    const res = await request(app)
      .post(`${API}/checkout`)
      .set('X-Cart-Token', cart)
      .set('Idempotency-Key', randomUUID())
      .send({ email: 'expiry@example.test', shippingAddress: ADDRESS })
      .expect(201);
    return (res.body as { order: { id: string } }).order.id;
  }

  it('cancels an unpaid order and frees its stock when its delayed job fires', async () => {
    const { app, queue } = shopWithExpiry(1, 60_000);
    const product = await createProduct(stack);
    const variantId = product.variants[0]!.id;
    const cart = await guestCartWith(stack, variantId, 2);
    const orderId = await checkoutOn(app, cart);
    expect(await stockOf(stack, variantId)).toEqual({ onHand: 10, reserved: 2 });
    // The job fires a second later in real time; by the test's clock the reservation is then due.
    stack.clock.advance(1_000);

    const state = await waitForOrder(stack, orderId, (s) => s.status === 'cancelled', 15_000);

    expect(state.paymentStatus).toBe('pending');
    expect(await stockOf(stack, variantId)).toEqual({ onHand: 10, reserved: 0 });
    const history = await request(app).get(`${API}/orders/${orderId}/history`).set('X-Cart-Token', cart);
    expect(history.body.data.at(-1)).toMatchObject({
      toStatus: 'cancelled',
      actor: { type: 'system' },
      reason: 'the reservation expired',
    });
    expect(await queue.getJob(`expire:${orderId}`)).toBeTruthy();
  });

  it('still expires a due order within a sweep interval after Redis lost every key of the expiry queue', async () => {
    const { app, queue } = shopWithExpiry(60, 300);
    const product = await createProduct(stack);
    const variantId = product.variants[0]!.id;
    const orderId = await checkoutOn(app, await guestCartWith(stack, variantId, 1));
    expect(await queue.getJob(`expire:${orderId}`)).toBeTruthy();

    const lost = await deleteKeys(`${stack.redis.prefix}bull:${EXPIRY_QUEUE}:*`);
    stack.clock.advance(61_000);

    expect(lost).toBeGreaterThan(0);
    await waitForOrder(stack, orderId, (s) => s.status === 'cancelled', 10_000);
    expect(await stockOf(stack, variantId)).toEqual({ onHand: 10, reserved: 0 });
  });

  it('expires due orders in a sweep and leaves orders that are not due', async () => {
    const product = await createProduct(stack);
    const due = await placeOrder(stack, product.variants[0]!.id);
    stack.clock.advance(61_000);
    const fresh = await placeOrder(stack, product.variants[0]!.id);

    const expired = await stack.shop.services.orders.expireDue();

    expect(expired).toBe(1);
    await waitForOrder(stack, due.orderId, (s) => s.status === 'cancelled');
    await waitForOrder(stack, fresh.orderId, (s) => s.status === 'pending_payment');
  });
});
