/**
 * The payments webhook route with Stripe-format signed events built here, as a provider would send
 * them: replays, out-of-order delivery, tampering and old timestamps. The fake provider's own delivery
 * is off in this file, so every event the route sees is one the test sent.
 */
import { expectProblem } from '@roadmap/testing';
import Stripe from 'stripe';
import request from 'supertest';
import { createProduct, paymentOf, placeOrder, useStack, waitForOrder, WEBHOOK_SECRET, type Stack } from './harness.js';

const stack = useStack('webhooks', { deliverWebhooks: false });

let sequence = 0;
function intentEvent(type: string, intentId: string, created: number, extra: Record<string, unknown> = {}) {
  sequence += 1;
  return {
    id: `evt_test_${Date.now()}_${sequence}`,
    object: 'event',
    type,
    created,
    data: { object: { id: intentId, object: 'payment_intent', ...extra } },
  };
}

function send(target: Stack, event: object, options: { secret?: string; timestamp?: number; tamper?: boolean } = {}) {
  const payload = JSON.stringify(event);
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? WEBHOOK_SECRET,
    ...(options.timestamp ? { timestamp: options.timestamp } : {}),
  });
  const body = options.tamper ? payload.replace('"created":', '"created": ') : payload;
  return request(target.payments.app)
    .post('/webhooks/stripe')
    .set('Content-Type', 'application/json')
    .set('Stripe-Signature', signature)
    .send(body);
}

async function newPayment() {
  const product = await createProduct(stack);
  const order = await placeOrder(stack, product.variants[0]!.id);
  const payment = await paymentOf(stack, order);
  const row = await stack.payments.database.db
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', payment.id)
    .executeTakeFirstOrThrow();
  return { order, paymentId: payment.id, intentId: row.provider_payment_id! };
}

async function transitions(paymentId: string) {
  return stack.payments.database.db
    .selectFrom('payment_transitions')
    .select(['from_status', 'to_status'])
    .where('payment_id', '=', paymentId)
    .orderBy('id')
    .execute();
}

async function outboxCount(type: string, orderId: string) {
  const rows = await stack.payments.database.db
    .selectFrom('outbox')
    .select('payload')
    .where('type', '=', type)
    .execute();
  return rows.filter((row) => (row.payload.data as { orderId: string }).orderId === orderId).length;
}

const now = () => Math.floor(Date.now() / 1000);

describe('payment webhooks', () => {
  it('changes the payment once when the same event is delivered 100 times at once', async () => {
    const { order, paymentId, intentId } = await newPayment();
    const event = intentEvent('payment_intent.succeeded', intentId, now());

    const answers = await Promise.all(Array.from({ length: 100 }, () => send(stack, event)));

    expect(answers.map((res) => res.status)).toEqual(Array(100).fill(200));
    expect(answers.filter((res) => res.body.outcome === 'apply')).toHaveLength(1);
    expect(answers.filter((res) => res.body.outcome === 'duplicate')).toHaveLength(99);
    expect(await transitions(paymentId)).toEqual([{ from_status: 'requires_payment_method', to_status: 'succeeded' }]);
    expect(await outboxCount('payment.succeeded.v1', order.orderId)).toBe(1);
    await waitForOrder(stack, order.orderId, (s) => s.status === 'paid');
  });

  it('never moves a payment backwards when an older event arrives after a newer one', async () => {
    const { paymentId, intentId } = await newPayment();
    const t = now();

    const succeeded = await send(stack, intentEvent('payment_intent.succeeded', intentId, t));
    const lateFailure = await send(
      stack,
      intentEvent('payment_intent.payment_failed', intentId, t - 5, { last_payment_error: { code: 'card_declined' } }),
    );
    const lateProcessing = await send(stack, intentEvent('payment_intent.processing', intentId, t - 10));

    expect([succeeded.body.outcome, lateFailure.body.outcome, lateProcessing.body.outcome]).toEqual([
      'apply',
      'stale',
      'stale',
    ]);
    expect(await transitions(paymentId)).toEqual([{ from_status: 'requires_payment_method', to_status: 'succeeded' }]);
  });

  it('keeps a succeeded payment succeeded when a processing event with the same timestamp arrives after it', async () => {
    const { paymentId, intentId } = await newPayment();
    const t = now();

    await send(stack, intentEvent('payment_intent.succeeded', intentId, t));
    const processing = await send(stack, intentEvent('payment_intent.processing', intentId, t));

    expect(processing.body.outcome).toBe('stale');
    const row = await stack.payments.database.db
      .selectFrom('payments')
      .select('status')
      .where('id', '=', paymentId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('succeeded');
  });

  it('answers 400 and changes nothing for a tampered body', async () => {
    const { paymentId, intentId } = await newPayment();

    const res = await send(stack, intentEvent('payment_intent.succeeded', intentId, now()), { tamper: true });

    expect(expectProblem(res, 400).detail).toMatch(/signature/);
    expect(await transitions(paymentId)).toEqual([]);
  });

  it('answers 400 for a signature made with another secret', async () => {
    const { paymentId, intentId } = await newPayment();

    const res = await send(stack, intentEvent('payment_intent.succeeded', intentId, now()), {
      secret: 'whsec_someone_else',
    });

    expectProblem(res, 400);
    expect(await transitions(paymentId)).toEqual([]);
  });

  it('answers 400 for a correctly signed event with an old timestamp (replayed capture)', async () => {
    const { paymentId, intentId } = await newPayment();

    const res = await send(stack, intentEvent('payment_intent.succeeded', intentId, now()), {
      timestamp: now() - 3600,
    });

    expectProblem(res, 400);
    expect(await transitions(paymentId)).toEqual([]);
  });

  it('answers 400 without a Stripe-Signature header', async () => {
    const res = await request(stack.payments.app)
      .post('/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .send('{"id":"evt_x"}');

    expect(expectProblem(res, 400).detail).toMatch(/Stripe-Signature/);
  });

  it('answers 400 naming the field, and records nothing, for a signed event holding a NUL character', async () => {
    const { paymentId, intentId } = await newPayment();
    const event = { ...intentEvent('payment_intent.succeeded', intentId, now()), id: `evt_nul_${Date.now()}\u0000` };

    const res = await send(stack, event);

    expect(expectProblem(res, 400).errors).toEqual([{ field: 'body.id', message: expect.stringMatching(/NUL/) }]);
    expect(await transitions(paymentId)).toEqual([]);
  });

  it('acknowledges an event for a payment it does not know without changing anything', async () => {
    const res = await send(stack, intentEvent('payment_intent.succeeded', 'pi_unknown', now()));

    expect(res.body).toEqual({ received: true, outcome: 'unknown_payment' });
  });
});

describe('webhook bodies the route cannot read', () => {
  const post = (encoding?: string) => {
    const req = request(stack.payments.app)
      .post('/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', `t=${now()},v1=${'0'.repeat(64)}`);
    return encoding ? req.set('Content-Encoding', encoding) : req;
  };

  it('answers problem+json naming the limit for a body over 256 KB', async () => {
    const res = await post().send(Buffer.alloc(300 * 1024, 'x'));

    expect(expectProblem(res, 413).detail).toMatch(/too large/);
  });

  it('answers 400 problem+json, with no stack trace or path, for gzip, deflate and br bodies that do not decode', async () => {
    const answers = await Promise.all(
      ['gzip', 'deflate', 'br'].map((encoding) => post(encoding).send(Buffer.from('not compressed at all'))),
    );

    for (const res of answers) {
      expect(expectProblem(res, 400).detail).toMatch(/could not be decompressed/);
      expect(res.text).not.toMatch(/node_modules|\/work\/|at [A-Za-z.]+ \(/);
    }
  });

  it('answers 415 problem+json for an encoding it does not support', async () => {
    const res = await post('compress').send(Buffer.from('whatever'));

    expect(expectProblem(res, 415).detail).toMatch(/encoding/);
  });
});
