/**
 * Who hears what: an order's update reaches its owner, the admins and whoever follows it (its owner or
 * an admin only), never another customer; admins also hear of low stock and failed payments; a second
 * shop instance hears what the first one emits (Redis adapter); a client catches up with `sync`, and
 * keeps the newest version of an order whatever order updates arrive in.
 */
import { randomUUID } from 'node:crypto';
import { waitFor } from '@roadmap/testing';
import { OrderFeed } from '../public/admin/js/order-feed.js';
import type { DomainEvent } from '../src/contracts/events.js';
import type { OrderUpdate } from '../src/shop/modules/realtime/index.js';
import {
  adminToken,
  adminTransition,
  confirmPayment,
  createProduct,
  customerToken,
  paymentOf,
  placeUserOrder,
  useStack,
} from './harness.js';
import { startLiveShop } from './support/live-shop.js';
import { connect, record, type LiveClient } from './support/socket-client.js';

const stack = useStack('realtime-rooms', { realtime: true });
const clients: LiveClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

const updatesOf = (seen: OrderUpdate[], orderId: string) => seen.filter((u) => u.orderId === orderId);

async function customer() {
  const id = randomUUID();
  const token = customerToken(stack, id);
  return { id, token, socket: await connect(stack.live!.url, token, clients) };
}

describe('order updates', () => {
  it("reach the order's owner and the admins, and no other customer", async () => {
    const { variants } = await createProduct(stack);
    const owner = await customer();
    const other = await customer();
    const admin = await connect(stack.live!.url, adminToken(stack), clients);
    const ownerSeen = record(owner.socket, 'order.updated');
    const otherSeen = record(other.socket, 'order.updated');
    const adminSeen = record(admin, 'order.updated');

    const order = await placeUserOrder(stack, owner.token, variants[0]!.id);
    await waitFor(
      () => updatesOf(ownerSeen, order.orderId).length === 1 && updatesOf(adminSeen, order.orderId).length === 1,
    );
    // A later update of the other customer's own order proves their socket was listening all along.
    const theirs = await placeUserOrder(stack, other.token, variants[0]!.id);
    await waitFor(() => updatesOf(otherSeen, theirs.orderId).length === 1);

    expect(updatesOf(ownerSeen, order.orderId)).toEqual([
      expect.objectContaining({ status: 'pending_payment', paymentStatus: 'pending', version: 1, currency: 'EUR' }),
    ]);
    expect(otherSeen.map((u) => u.orderId)).toEqual([theirs.orderId]);
  });

  it('carry each change with a growing version, up to the shipment', async () => {
    const { variants } = await createProduct(stack);
    const owner = await customer();
    const seen = record(owner.socket, 'order.updated');
    const order = await placeUserOrder(stack, owner.token, variants[0]!.id);
    await confirmPayment(stack, order, (await paymentOf(stack, order)).id).expect(200);
    await waitFor(() => updatesOf(seen, order.orderId).some((u) => u.status === 'paid'), { timeoutMs: 10_000 });

    await adminTransition(stack, order.orderId, { to: 'fulfilled', trackingNumber: 'TRACK-1' }).expect(200);

    const shipped = await waitFor(() => updatesOf(seen, order.orderId).find((u) => u.status === 'fulfilled'));
    expect(shipped).toMatchObject({ fulfillmentStatus: 'shipped', paymentStatus: 'paid', version: 3 });
    expect(updatesOf(seen, order.orderId).map((u) => u.version)).toEqual([1, 2, 3]);
  });
});

describe('following one order', () => {
  it('lets its owner and an admin join its room', async () => {
    const { variants } = await createProduct(stack);
    const owner = await customer();
    const order = await placeUserOrder(stack, owner.token, variants[0]!.id);
    const admin = await connect(stack.live!.url, adminToken(stack), clients);

    expect(await owner.socket.timeout(5000).emitWithAck('order:join', { orderId: order.orderId })).toEqual({
      ok: true,
    });
    expect(await admin.timeout(5000).emitWithAck('order:join', { orderId: order.orderId })).toEqual({ ok: true });
  });

  it("refuses to let a customer follow someone else's order, and joins nothing", async () => {
    const { variants } = await createProduct(stack);
    const owner = await customer();
    const snoop = await customer();
    const order = await placeUserOrder(stack, owner.token, variants[0]!.id);
    const snooped = record(snoop.socket, 'order.updated');

    const answer = await snoop.socket.timeout(5000).emitWithAck('order:join', { orderId: order.orderId });
    await adminTransition(stack, order.orderId, { to: 'cancelled', reason: 'out of stock' }).expect(200);
    const sentinel = await placeUserOrder(stack, snoop.token, variants[0]!.id);
    await waitFor(() => updatesOf(snooped, sentinel.orderId).length === 1);

    expect(answer).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'You may follow only your own orders.' },
    });
    expect(updatesOf(snooped, order.orderId)).toEqual([]);
  });

  it('answers invalid_request for an order id that is not one', async () => {
    const owner = await customer();
    expect(await owner.socket.timeout(5000).emitWithAck('order:join', { orderId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
  });
});

describe('admin alerts', () => {
  it('tell admins, and only admins, of low stock and of a declined payment', async () => {
    const { variants } = await createProduct(stack, {
      variants: [{ sku: `LOW-${randomUUID().slice(0, 8).toUpperCase()}`, priceMinor: 500, currency: 'EUR', onHand: 4 }],
    });
    const owner = await customer();
    const admin = await connect(stack.live!.url, adminToken(stack), clients);
    const lowSeen = record(admin, 'inventory.low');
    const failedSeen = record(admin, 'payment.failed');
    const customerLow = record(owner.socket, 'inventory.low');

    const order = await placeUserOrder(stack, owner.token, variants[0]!.id, 2);
    await confirmPayment(stack, order, (await paymentOf(stack, order)).id, '4000000000000002').expect(200);

    const low = await waitFor(() => lowSeen.find((alert) => alert.variantId === variants[0]!.id));
    const failed = await waitFor(() => failedSeen.find((alert) => alert.orderId === order.orderId), {
      timeoutMs: 10_000,
    });
    expect(low).toMatchObject({ saleable: 2, threshold: 3 });
    expect(failed).toMatchObject({ code: 'card_declined' });
    expect(customerLow).toEqual([]);
  });
});

describe('two shop instances', () => {
  it('deliver an update caused on instance A to a client connected to instance B (Redis adapter)', async () => {
    const b = await startLiveShop(stack.ctx, { ...stack.shop, verifier: stack.issuer.verifier }, stack.redis.prefix);
    const { variants } = await createProduct(stack);
    const owner = await customer();
    const order = await placeUserOrder(stack, owner.token, variants[0]!.id);
    const onB = await connect(b.url, adminToken(stack), clients);
    const seenOnB = record(onB, 'order.updated');

    // Instance A answers the HTTP call and its consumer emits; instance B consumes nothing.
    await adminTransition(stack, order.orderId, { to: 'cancelled', reason: 'customer asked' }).expect(200);

    const update = await waitFor(() => updatesOf(seenOnB, order.orderId).find((u) => u.status === 'cancelled'));
    expect(update.version).toBe(2);
  });
});

describe('catching up and stale updates', () => {
  it("answers sync with the current state of the caller's orders, with their versions", async () => {
    const { variants } = await createProduct(stack);
    const owner = await customer();
    const order = await placeUserOrder(stack, owner.token, variants[0]!.id);
    await adminTransition(stack, order.orderId, { to: 'cancelled' }).expect(200);

    const answer = await owner.socket.timeout(5000).emitWithAck('sync', {});

    expect(answer).toMatchObject({
      ok: true,
      orders: [expect.objectContaining({ orderId: order.orderId, status: 'cancelled', version: 2 })],
    });
  });

  it('keeps the newest version when an older update arrives after it (a redelivered event)', async () => {
    const { variants } = await createProduct(stack);
    const owner = await customer();
    const feed = new OrderFeed();
    const kept: boolean[] = [];
    owner.socket.on('order.updated', (update) => kept.push(feed.apply(update)));
    const order = await placeUserOrder(stack, owner.token, variants[0]!.id);
    await adminTransition(stack, order.orderId, { to: 'cancelled' }).expect(200);
    await waitFor(() => feed.get(order.orderId)?.version === 2);
    const first = await stack.shop.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('type', '=', 'order.status_changed.v1')
      .execute()
      .then((rows) => rows.map((row) => row.payload as DomainEvent<'order.status_changed.v1'>))
      .then((events) => events.find((e) => e.data.orderId === order.orderId && e.data.version === 1)!);

    await stack.shop.messaging.broker.publish(first);

    await waitFor(() => kept.length === 3);
    expect(kept).toEqual([true, true, false]);
    expect(feed.get(order.orderId)).toMatchObject({ status: 'cancelled', version: 2 });
  });
});
