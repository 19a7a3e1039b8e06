/**
 * PostgreSQL lost under the three real processes, cut and then blackholed through the shared fault
 * proxy, with a checkout holding a connection inside its transaction at that moment: answers are 503 problem+json within the bound,
 * readiness says "not ready", no process exits, and once the database is back every process is
 * ready again by itself and a whole purchase goes through it, so the outbox relays, the inbox
 * consumers and the Bull jobs resumed on their own.
 */
import { randomUUID } from 'node:crypto';
import { expectProblem, uniqueEmail, waitFor } from '@roadmap/testing';
import { Client } from 'pg';
import request from 'supertest';
import { ADDRESS, API, productInput } from './harness.js';
import { fatalLines, isRunning, useServiceProcesses, type ServiceProcess } from './support/service-processes.js';

/** DATABASE_CONNECT_TIMEOUT_MS and DATABASE_QUERY_TIMEOUT_MS of the processes. */
const TIMEOUT_MS = 1000;
/** A request waits at most for a connection and then for one query: twice the timeout, plus slack. */
const ANSWER_BOUND_MS = 2 * TIMEOUT_MS + 2000;

// Three real processes start before the tests (tsx compiles each on start).
jest.setTimeout(120_000);

const t = useServiceProcesses('db-outage', {
  faults: { postgres: true },
  env: { DATABASE_CONNECT_TIMEOUT_MS: String(TIMEOUT_MS), DATABASE_QUERY_TIMEOUT_MS: String(TIMEOUT_MS) },
});

const services = (): ServiceProcess[] => [t.shop, t.payments, t.notifications];
const admin = () => `Bearer ${t.issuer.tokenFor({ role: 'admin', email: uniqueEmail('admin') })}`;

async function guestCart(): Promise<{ cart: string; variantId: string }> {
  const product = await request(t.shop.url)
    .post(`${API}/admin/products`)
    .set('Authorization', admin())
    .send(productInput.build());
  expect(product.status).toBe(201);
  const variantId = (product.body as { variants: { id: string }[] }).variants[0]!.id;
  const added = await request(t.shop.url).post(`${API}/cart/items`).send({ variantId, quantity: 1 });
  expect(added.status).toBe(201);
  return { cart: added.headers['x-cart-token'] as string, variantId };
}

/**
 * A checkout that holds a connection, inside its transaction, at the moment of the fault: the test
 * locks the cart row on a direct connection, so the checkout waits on it until the fault ends it.
 *
 * Who waits on that lock is read on a second connection, outside the lock's transaction: inside a
 * transaction PostgreSQL answers every read of pg_stat_activity from the first one, so a checkout
 * that began to wait after that first read was never seen (a hunt run under load timed out so). The
 * first read is taken before the checkout is sent, so this always needs a fresh one.
 */
async function checkoutWaitingOnLock(cart: string) {
  const direct = new Client({ connectionString: t.databaseUrl });
  const observer = new Client({ connectionString: t.databaseUrl });
  const close = () => Promise.all([direct.end(), observer.end()]);
  await Promise.all([direct.connect(), observer.connect()]);
  try {
    await direct.query('begin');
    await direct.query('select 1 from shop.carts where id = $1 for update', [cart.split('.')[0]]);
    const { rows } = await direct.query<{ pid: number }>('select pg_backend_pid() as pid');
    const waitingOnLock = async () => {
      const blocked = await observer.query<{ n: string }>(
        "select count(*) as n from pg_stat_activity where wait_event_type = 'Lock' and $1 = any(pg_blocking_pids(pid))",
        [rows[0]!.pid],
      );
      return Number(blocked.rows[0]?.n);
    };
    expect(await waitingOnLock()).toBe(0);
    const answer = timed(() =>
      request(t.shop.url)
        .post(`${API}/checkout`)
        .set('X-Cart-Token', cart)
        .set('Idempotency-Key', randomUUID())
        .send({ email: uniqueEmail('buyer'), shippingAddress: ADDRESS }),
    );
    await waitFor(async () => (await waitingOnLock()) > 0, { description: 'the checkout to wait on the cart lock' });
    return {
      answer,
      async release() {
        await direct.query('rollback');
        await close();
      },
    };
  } catch (err) {
    await close();
    throw err;
  }
}

async function timed(send: () => request.Test) {
  const started = Date.now();
  const res = await send().ok(() => true);
  return { res, ms: Date.now() - started };
}

async function readiness(service: ServiceProcess) {
  const res = await request(service.url)
    .get('/readyz')
    .ok(() => true);
  return { status: res.status, body: res.body as { status: string; checks: Record<string, { status: string }> } };
}

/** Checkout, payment, webhook, paid, email: every process and every background path at work. */
async function purchase(cart: string): Promise<void> {
  const email = uniqueEmail('buyer');
  const placed = await request(t.shop.url)
    .post(`${API}/checkout`)
    .set('X-Cart-Token', cart)
    .set('Idempotency-Key', randomUUID())
    .send({ email, shippingAddress: ADDRESS });
  expect(placed.status).toBe(201);
  const { order, paymentToken } = placed.body as { order: { id: string }; paymentToken: string };
  const payment = await waitFor(
    async () => {
      const res = await request(t.payments.url)
        .get(`${API}/payments/by-order/${order.id}`)
        .set('Payment-Token', paymentToken);
      return res.status === 200 ? (res.body as { id: string }) : undefined;
    },
    { timeoutMs: 20_000, description: 'the payment, created from order.created.v1' },
  );
  const confirmed = await request(t.payments.url)
    .post(`${API}/payments/${payment.id}/confirm`)
    .set('Payment-Token', paymentToken)
    .send({ card: { number: '4242424242424242', expMonth: 12, expYear: 2034, cvc: '123' } });
  expect(confirmed.status).toBe(200);
  await waitFor(
    async () => {
      const res = await request(t.shop.url).get(`${API}/orders/${order.id}`).set('X-Cart-Token', cart);
      return (res.body as { status?: string }).status === 'paid';
    },
    { timeoutMs: 20_000, description: 'the order to be paid' },
  );
  const mail = await t.smtp.waitForMessage((m) => m.to.includes(email), 20_000);
  expect(mail.subject).toMatch(/^Order #\d+ confirmed$/);
}

describe.each(['cut', 'blackhole'] as const)('PostgreSQL %s under the three processes', (fault) => {
  it('answers 503 within the bound, says not ready, keeps every process up, and serves once it is back', async () => {
    const { cart, variantId } = await guestCart();
    const proxy = t.proxies.postgres!;

    const waiting = await checkoutWaitingOnLock(cart);
    proxy[fault]();
    const answers = await Promise.all([
      waiting.answer,
      timed(() => request(t.shop.url).get(`${API}/cart`).set('X-Cart-Token', cart)),
      timed(() =>
        request(t.shop.url).post(`${API}/cart/items`).set('X-Cart-Token', cart).send({ variantId, quantity: 1 }),
      ),
      timed(() =>
        request(t.payments.url).get(`${API}/payments/by-order/${randomUUID()}`).set('Payment-Token', 'x'.repeat(32)),
      ),
    ]);
    const ready = await Promise.all(services().map(readiness));
    await waiting.release();

    for (const { res, ms } of answers) {
      expect(expectProblem(res, 503).detail).toMatch(/unavailable/);
      expect(res.headers['retry-after']).toBeDefined();
      expect(ms).toBeLessThan(ANSWER_BOUND_MS);
    }
    for (const { status, body } of ready) {
      expect(status).toBe(503);
      expect(body.status).toBe('not ready');
      expect(body.checks.postgres).toEqual({ status: 'down' });
    }

    proxy.restore();
    await waitFor(async () => (await Promise.all(services().map(readiness))).every((r) => r.status === 200), {
      timeoutMs: 10_000,
      description: 'every process ready again',
    });
    await purchase(cart);
    for (const service of services()) {
      expect(isRunning(service)).toBe(true);
      expect(fatalLines(service)).toEqual([]);
    }
  }, 120_000);
});
