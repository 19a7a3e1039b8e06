/**
 * The shop and payments behind the repository's Caddy edge (deploy/Caddyfile, as scripts/start.sh and
 * docker compose run it): every Location and every URL in a body (checkout's paymentUrl, the admin
 * page's configuration) follows the edge, and following it through the edge gets there.
 */
import { randomUUID } from 'node:crypto';
import { describeThroughEdge, listen, startEdge, waitFor } from '@roadmap/testing';
import request from 'supertest';
import { ADDRESS, adminToken, API, customerToken, productInput, useStack } from './harness.js';

const stack = useStack('shop-edge', { trustProxy: ['loopback'] });
let origin = '';
beforeAll(async () => {
  const shop = await listen(stack.shop.app);
  stack.ctx.onCleanup(() => shop.close());
  origin = (await startEdge(stack.ctx, { shop: shop.url, payments: stack.payments.url })) ?? '';
});

async function call(method: string, url: string, headers: Record<string, string>, body?: object) {
  const res = await fetch(new URL(url, origin), {
    method,
    headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

describeThroughEdge(__filename)('the shop through the edge', () => {
  it("answers a new product's Location under /shop, readable there", async () => {
    const admin = { authorization: `Bearer ${adminToken(stack)}` };

    const created = await call('POST', '/shop/api/v1/admin/products', admin, productInput.build());
    const followed = await call('GET', created.headers.get('location') ?? '', admin);

    expect([created.status, created.headers.get('location')]).toEqual([
      201,
      `/shop/api/v1/admin/products/${created.body.id}`,
    ]);
    expect([followed.status, followed.body.id]).toEqual([200, created.body.id]);
  });

  it("answers checkout's Location under /shop and its paymentUrl beside it on the edge, replayed the same, both readable", async () => {
    const product = await call(
      'POST',
      '/shop/api/v1/admin/products',
      { authorization: `Bearer ${adminToken(stack)}` },
      productInput.build(),
    );
    const customer = { authorization: `Bearer ${customerToken(stack)}` };
    await call('POST', '/shop/api/v1/cart/items', customer, { variantId: product.body.variants[0].id, quantity: 1 });
    const key = { ...customer, 'idempotency-key': randomUUID() };

    const placed = await call('POST', '/shop/api/v1/checkout', key, { shippingAddress: ADDRESS });
    const replayed = await call('POST', '/shop/api/v1/checkout', key, { shippingAddress: ADDRESS });
    const orderId = placed.body.order.id as string;
    const order = await call('GET', placed.headers.get('location') ?? '', customer);
    const paymentToken = { 'payment-token': placed.body.paymentToken as string };
    const payment = await waitFor(async () => {
      const res = await call('GET', placed.body.paymentUrl, paymentToken);
      return res.status === 200 ? res : undefined;
    });

    expect([placed.status, placed.headers.get('location')]).toEqual([201, `/shop/api/v1/orders/${orderId}`]);
    expect(placed.body.paymentUrl).toBe(`${origin}/payments/api/v1/payments/by-order/${orderId}`);
    expect([replayed.headers.get('idempotent-replayed'), replayed.body.paymentUrl]).toEqual([
      'true',
      placed.body.paymentUrl,
    ]);
    expect([order.status, order.body.id]).toEqual([200, orderId]);
    expect(payment.body.orderId).toBe(orderId);
  });

  it("names the payments service's own URL when checkout came directly", async () => {
    const product = await request(stack.app)
      .post(`${API}/admin/products`)
      .set('Authorization', `Bearer ${adminToken(stack)}`)
      .send(productInput.build());
    const cart = await request(stack.app)
      .post(`${API}/cart/items`)
      .send({ variantId: product.body.variants[0].id, quantity: 1 });

    const placed = await request(stack.app)
      .post(`${API}/checkout`)
      .set({ 'X-Cart-Token': cart.headers['x-cart-token'] as string, 'Idempotency-Key': randomUUID() })
      .send({ email: 'guest@example.com', shippingAddress: ADDRESS });

    expect(placed.headers.location).toBe(`/api/v1/orders/${placed.body.order.id}`);
    expect(placed.body.paymentUrl).toBe(`http://payments.test/api/v1/payments/by-order/${placed.body.order.id}`);
  });

  it("configures the admin page under /shop with the auth service beside it, and the shop's docs under /shop", async () => {
    const config = await call('GET', '/shop/admin/config.json', {});
    const spec = await call('GET', '/shop/openapi.json', {});

    expect(config.body).toMatchObject({
      apiBase: '/shop/api/v1',
      socketPath: '/shop/socket.io',
      queuesUrl: '/shop/admin/queues/',
      authBase: '/auth/api/v1/auth',
    });
    expect(config.headers.get('vary')).toContain('X-Forwarded-Prefix');
    expect(spec.body.servers).toEqual([{ url: '/shop' }]);
  });
});
