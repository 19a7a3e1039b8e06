/** Reservation expiry: each order's delayed Bull job, and the sweep that catches orders without one. */
import { openQueue } from '@roadmap/redis';
import { testLogger } from '@roadmap/testing';
import type Bull from 'bull';
import request from 'supertest';
import { createShopApp, createShopServices } from '../src/shop/app.js';
import {
  EXPIRY_QUEUE,
  scheduleExpiry,
  startReservationExpiry,
  type ExpiryJob,
} from '../src/shop/jobs/reservation-expiry.js';
import { ADDRESS, API, createProduct, guestCartWith, placeOrder, stockOf, useStack, waitForOrder } from './harness.js';

const stack = useStack('expiry', { reservationTtlSeconds: 60 });

describe('reservation expiry', () => {
  let queue: Bull.Queue<ExpiryJob>;
  afterAll(() => queue?.close());

  it('cancels an unpaid order and frees its stock when its delayed job fires', async () => {
    const logger = testLogger('expiry');
    queue = openQueue<ExpiryJob>(EXPIRY_QUEUE, {
      redis: stack.queueRedis,
      prefix: `${stack.redis.prefix}bull`,
      logger,
    });
    const deps = {
      ...stack.shop.deps,
      settings: { ...stack.shop.deps.settings, reservationTtlSeconds: 1 },
      onOrderPlaced: scheduleExpiry(queue, stack.clock, { attempts: 3, backoffMs: 50 }, logger),
    };
    const services = createShopServices(deps);
    await startReservationExpiry(queue, services.orders, 60_000);
    const app = stack.ctx.conform(createShopApp(deps, services));
    const product = await createProduct(stack);
    const variantId = product.variants[0]!.id;
    const cart = await guestCartWith(stack, variantId, 2);
    const placed = await request(app)
      .post(`${API}/checkout`)
      .set('X-Cart-Token', cart)
      .set('Idempotency-Key', `expiry-${Date.now()}`)
      .send({ email: 'expiry@example.test', shippingAddress: ADDRESS })
      .expect(201)
      .then((res) => res.body as { order: { id: string } });
    expect(await stockOf(stack, variantId)).toEqual({ onHand: 10, reserved: 2 });
    // The job fires a second later in real time; by the test's clock the reservation is then due.
    stack.clock.advance(1_000);

    const state = await waitForOrder(stack, placed.order.id, (s) => s.status === 'cancelled', 15_000);

    expect(state.paymentStatus).toBe('pending');
    expect(await stockOf(stack, variantId)).toEqual({ onHand: 10, reserved: 0 });
    const history = await request(app).get(`${API}/orders/${placed.order.id}/history`).set('X-Cart-Token', cart);
    expect(history.body.data.at(-1)).toMatchObject({
      toStatus: 'cancelled',
      actor: { type: 'system' },
      reason: 'the reservation expired',
    });
    expect(await queue.getJob(`expire:${placed.order.id}`)).toBeTruthy();
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
