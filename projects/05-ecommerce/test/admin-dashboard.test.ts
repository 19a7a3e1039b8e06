/**
 * The admin page as served (strict CSP, no inline script, its configuration direct and behind the
 * edge), bull-board behind its admin-only session, the audit trail of admin actions, and the order
 * desk's filters. The page's behaviour in a browser is admin-browser.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { openQueue } from '@roadmap/redis';
import { expectProblem, uniqueEmail } from '@roadmap/testing';
import request from 'supertest';
import { createShopApp } from '../src/shop/app.js';
import { DASHBOARD_FILES } from '../src/shop/modules/dashboard/index.js';
import { adminToken, adminTransition, API, createProduct, customerToken, placeOrder, useStack } from './harness.js';

const stack = useStack('admin-dashboard');

describe('the admin page', () => {
  it('redirects /admin to admin/ (relative, so it works under the edge prefix)', async () => {
    const res = await request(stack.shop.app).get('/admin');
    expect([res.status, res.headers.location]).toEqual([301, 'admin/']);
  });

  it('is served with a strict Content-Security-Policy and no inline script', async () => {
    const res = await request(stack.shop.app).get('/admin/');

    expect(res.status).toBe(200);
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const scripts = [...res.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map(([, attributes, body]) => [/\bsrc="/.test(attributes ?? ''), body?.trim()])).toEqual([
      [true, ''],
      [true, ''],
    ]);
    expect(res.text).not.toMatch(/\son[a-z]+="/);
  });

  it('labels every form field', async () => {
    const html = await readFile(path.join(DASHBOARD_FILES, 'index.html'), 'utf8');
    const inputs = [...html.matchAll(/<input[^>]*\bid="([^"]+)"/g)].map(([, id]) => id);
    expect(inputs.length).toBeGreaterThan(3);
    for (const id of inputs) expect(html).toContain(`<label for="${id}">`);
  });

  it('serves chart.js from node_modules', async () => {
    const res = await request(stack.shop.app).get('/admin/vendor/chart.js/chart.umd.min.js');
    expect([res.status, res.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
  });

  it('tells the page, reached directly, the auth service URL and lets it connect there', async () => {
    const config = await request(stack.shop.app).get('/admin/config.json');
    const page = await request(stack.shop.app).get('/admin/');

    expect(config.body).toEqual({
      apiBase: '/api/v1',
      socketPath: '/socket.io',
      queuesUrl: '/admin/queues/',
      authBase: 'http://localhost:3003/api/v1/auth',
      rabbitmqManagementUrl: null,
      demoAccounts: [
        { email: 'admin@example.com', password: 'Admin-password-1', role: 'admin' },
        { email: 'demo@example.com', password: 'Demo-password-1', role: 'user' },
      ],
    });
    expect(page.headers['content-security-policy']).toContain("connect-src 'self' http://localhost:3003");
  });

  it('keeps everything on one origin behind the edge: its prefix, and the auth service beside it', async () => {
    // Supertest connects from loopback: the edge, as scripts/start.sh runs it (TRUST_PROXY=loopback).
    const behindEdge = stack.ctx.conform(
      createShopApp(
        { ...stack.shop.deps, settings: { ...stack.shop.deps.settings, trustProxy: ['loopback'] } },
        stack.shop.services,
      ),
    );

    const config = await request(behindEdge).get('/admin/config.json').set('X-Forwarded-Prefix', '/shop');
    const page = await request(behindEdge).get('/admin/').set('X-Forwarded-Prefix', '/shop');

    expect(config.body).toMatchObject({
      apiBase: '/shop/api/v1',
      socketPath: '/shop/socket.io',
      queuesUrl: '/shop/admin/queues/',
      authBase: '/auth/api/v1/auth',
    });
    expect(page.headers['content-security-policy']).toContain("connect-src 'self';");
    expect([config.headers.vary, page.headers.vary]).toEqual([
      expect.stringContaining('X-Forwarded-Prefix'),
      expect.stringContaining('X-Forwarded-Prefix'),
    ]);
  });

  it('believes no X-Forwarded-Prefix without a trusted proxy (TRUST_PROXY=0): the page and its CSP stay as they are', async () => {
    const config = await request(stack.shop.app).get('/admin/config.json').set('X-Forwarded-Prefix', '/evil');
    const page = await request(stack.shop.app).get('/admin/').set('X-Forwarded-Prefix', '/evil');

    expect(config.body).toMatchObject({ apiBase: '/api/v1', authBase: 'http://localhost:3003/api/v1/auth' });
    expect(page.headers['content-security-policy']).toContain("connect-src 'self' http://localhost:3003");
    expect([config.headers.vary, page.headers.vary]).toEqual([undefined, undefined]);
  });
});

describe('bull-board at /admin/queues/', () => {
  const queueName = 'dashboard-test-queue';
  const boardApp = () => {
    const queue = openQueue(queueName, {
      redis: stack.queueRedis,
      prefix: `${stack.redis.prefix}bull`,
      logger: stack.ctx.logger,
    });
    stack.ctx.onCleanup(() => queue.close());
    return {
      queue,
      app: stack.ctx.conform(createShopApp({ ...stack.shop.deps, queues: [queue] }, stack.shop.services)),
    };
  };

  it('refuses a visitor without a session, and a customer', async () => {
    const anonymous = await request(stack.shop.app).get('/admin/queues/');
    const customer = await request(stack.shop.app)
      .get('/admin/queues/api/queues')
      .set('Authorization', `Bearer ${customerToken(stack)}`);

    expectProblem(anonymous, 401);
    expectProblem(customer, 403);
  });

  it("opens for an admin's session cookie: httpOnly, SameSite=Strict, on the board's path only", async () => {
    const { app } = boardApp();
    const session = await request(app)
      .post(`${API}/admin/queues/session`)
      .set('Authorization', `Bearer ${adminToken(stack)}`);
    const cookie = (session.headers['set-cookie'] as unknown as string[])[0]!;

    const page = await request(app).get('/admin/queues/').set('Cookie', cookie);
    const queues = await request(app).get('/admin/queues/api/queues').set('Cookie', cookie);

    expect(session.status).toBe(201);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/admin\/queues/);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<base href="/admin/queues/"');
    expect(queues.body.queues.map((q: { name: string }) => q.name)).toEqual([queueName]);
  });

  it("lets the board load its Google Fonts typeface, on the board's paths only", async () => {
    const { app } = boardApp();
    const admin = `Bearer ${adminToken(stack)}`;

    const board = await request(app).get('/admin/queues/').set('Authorization', admin);
    const page = await request(app).get('/admin/');

    expect(board.text).toContain('https://fonts.googleapis.com/css2');
    expect(board.headers['content-security-policy']).toContain(
      "style-src 'self' 'unsafe-inline' https://fonts.googleapis.com; font-src 'self' https://fonts.gstatic.com",
    );
    expect(page.headers['content-security-policy']).not.toContain('fonts.g');
  });

  it("marks the board's cookie Secure only when a trusted proxy says the client used HTTPS", async () => {
    const { app } = boardApp();
    const open = (target: typeof app) =>
      request(target)
        .post(`${API}/admin/queues/session`)
        .set('Authorization', `Bearer ${adminToken(stack)}`)
        .set('X-Forwarded-Proto', 'https');
    const behindEdge = stack.ctx.conform(
      createShopApp(
        { ...stack.shop.deps, settings: { ...stack.shop.deps.settings, trustProxy: ['loopback'] } },
        stack.shop.services,
      ),
    );

    const direct = (await open(app)).headers['set-cookie'] as unknown as string[];
    const forwarded = (await open(behindEdge)).headers['set-cookie'] as unknown as string[];

    expect(direct[0]).not.toMatch(/; Secure/);
    expect(forwarded[0]).toMatch(/; Secure/);
  });

  it('audits a change made on the board', async () => {
    const { app, queue } = boardApp();
    await queue.add({ n: 1 });
    const admin = `Bearer ${adminToken(stack)}`;

    const pause = await request(app).put(`/admin/queues/api/queues/${queueName}/pause`).set('Authorization', admin);

    expect(pause.status).toBe(200);
    expect(await queue.isPaused()).toBe(true);
    const audit = await request(stack.shop.app)
      .get(`${API}/admin/audit`)
      .query({ targetType: 'queue-job' })
      .set('Authorization', admin);
    expect(audit.body.data).toEqual([
      expect.objectContaining({ action: 'queue.pause', target: { type: 'queue-job', id: `${queueName}/pause` } }),
    ]);
  });
});

describe('the audit trail', () => {
  it('records each admin action with its admin, in the transaction of the change', async () => {
    const email = uniqueEmail('auditor');
    const adminId = randomUUID();
    const token = `Bearer ${stack.issuer.tokenFor({ id: adminId, role: 'admin', email })}`;
    const product = await createProduct(stack);
    const variantId = product.variants[0]!.id;
    await request(stack.shop.app)
      .patch(`${API}/admin/products/${product.id}`)
      .set('Authorization', token)
      .send({ name: 'Renamed' })
      .expect(200);
    await request(stack.shop.app)
      .post(`${API}/admin/variants/${variantId}/stock-adjustments`)
      .set('Authorization', token)
      .send({ delta: 5, reason: 'delivery' })
      .expect(201);

    const entries = await request(stack.shop.app)
      .get(`${API}/admin/audit`)
      .query({ actorId: adminId })
      .set('Authorization', token);

    expect(
      entries.body.data.map((e: { action: string; actor: { email: string } }) => [e.action, e.actor.email]),
    ).toEqual([
      ['stock.adjust', email],
      ['product.update', email],
    ]);
    expect(entries.body.data[0]).toMatchObject({ target: { type: 'variant', id: variantId }, details: { delta: 5 } });
  });

  it('records nothing for a move the state machine refuses (the transaction rolled back)', async () => {
    const { variants } = await createProduct(stack);
    const order = await placeOrder(stack, variants[0]!.id);

    const refused = await adminTransition(stack, order.orderId, { to: 'delivered' });

    expect(expectProblem(refused, 409).detail).toBe('The order is pending_payment; it cannot become delivered.');
    const audit = await request(stack.shop.app)
      .get(`${API}/admin/audit`)
      .query({ targetType: 'order', targetId: order.orderId })
      .set('Authorization', `Bearer ${adminToken(stack)}`);
    expect(audit.body.total).toBe(0);
  });
});

describe('the order desk', () => {
  it('finds orders by number or part of an email, and by payment status', async () => {
    const { variants } = await createProduct(stack);
    const order = await placeOrder(stack, variants[0]!.id);
    const admin = `Bearer ${adminToken(stack)}`;
    const { body: detail } = await request(stack.shop.app)
      .get(`${API}/admin/orders/${order.orderId}`)
      .set('Authorization', admin);

    const byNumber = await request(stack.shop.app)
      .get(`${API}/admin/orders`)
      .query({ q: String(detail.order.number) })
      .set('Authorization', admin);
    const byEmail = await request(stack.shop.app)
      .get(`${API}/admin/orders`)
      .query({ q: order.email.slice(0, 12), paymentStatus: 'pending' })
      .set('Authorization', admin);
    const none = await request(stack.shop.app)
      .get(`${API}/admin/orders`)
      .query({ q: order.email, paymentStatus: 'paid' })
      .set('Authorization', admin);

    expect(byNumber.body.data.map((o: { id: string }) => o.id)).toEqual([order.orderId]);
    expect(byEmail.body.data.map((o: { id: string }) => o.id)).toEqual([order.orderId]);
    expect(none.body.total).toBe(0);
  });
});
