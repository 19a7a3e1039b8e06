/** A whole purchase across the three processes and RabbitMQ: guest cart -> order -> payment -> paid -> email. */
import { waitFor } from '@roadmap/testing';
import { sql } from 'kysely';
import request from 'supertest';
import {
  API,
  confirmPayment,
  createProduct,
  orderState,
  paymentOf,
  placeOrder,
  stockOf,
  useStack,
  waitForOrder,
} from './harness.js';

const stack = useStack('purchase');

describe('a purchase from guest cart to email', () => {
  it('marks the order paid, sells the reserved stock and emails the receipt once', async () => {
    const product = await createProduct(stack, {
      variants: [{ sku: 'MUG-BLUE', priceMinor: 1250, currency: 'EUR', onHand: 5 }],
    });
    const variantId = product.variants[0]!.id;
    const order = await placeOrder(stack, variantId, 2);
    expect(await stockOf(stack, variantId)).toEqual({ onHand: 5, reserved: 2 });

    const payment = await paymentOf(stack, order);
    expect(payment.status).toBe('requires_payment_method');
    const confirmed = await confirmPayment(stack, order, payment.id);
    expect(confirmed.status).toBe(200);

    const paid = await waitForOrder(stack, order.orderId, (s) => s.status === 'paid');
    expect(paid).toMatchObject({ paymentStatus: 'paid', fulfillmentStatus: 'unfulfilled' });
    expect(await stockOf(stack, variantId)).toEqual({ onHand: 3, reserved: 0 });
    const mail = await stack.smtp.waitForMessage((m) => m.to.includes(order.email), 10_000);
    expect(mail.subject).toMatch(/^Order #\d+ confirmed$/);
    expect(mail.text).toContain('2 x');
    expect(stack.smtp.messages.filter((m) => m.to.includes(order.email))).toHaveLength(1);
  });

  it('shows the buyer the order and its history, with who made each change', async () => {
    const product = await createProduct(stack);
    const order = await placeOrder(stack, product.variants[0]!.id);
    const payment = await paymentOf(stack, order);
    await confirmPayment(stack, order, payment.id);
    await waitForOrder(stack, order.orderId, (s) => s.status === 'paid');

    const res = await request(stack.shop.app)
      .get(`${API}/orders/${order.orderId}/history`)
      .set('X-Cart-Token', order.cartToken);
    expect(res.status).toBe(200);
    expect(
      res.body.data.map((entry: { toStatus: string; actor: { type: string } }) => [entry.toStatus, entry.actor.type]),
    ).toEqual([
      ['pending_payment', 'customer'],
      ['paid', 'system'],
    ]);
    expect((await orderState(stack, order.orderId)).version).toBe(2);
  });

  it('cancels the order and releases its stock when the card is declined', async () => {
    const product = await createProduct(stack);
    const variantId = product.variants[0]!.id;
    const order = await placeOrder(stack, variantId, 3);
    const payment = await paymentOf(stack, order);
    await confirmPayment(stack, order, payment.id, '4000000000000002');

    const state = await waitForOrder(stack, order.orderId, (s) => s.status === 'cancelled');
    expect(state.paymentStatus).toBe('failed');
    expect(await stockOf(stack, variantId)).toEqual({ onHand: 10, reserved: 0 });
  });

  it('takes another card on the same order after a decline, and sells it while the stock is there', async () => {
    const product = await createProduct(stack);
    const variantId = product.variants[0]!.id;
    const order = await placeOrder(stack, variantId, 3);
    const payment = await paymentOf(stack, order);
    await confirmPayment(stack, order, payment.id, '4000000000000002').expect(200);
    await waitForOrder(stack, order.orderId, (s) => s.status === 'cancelled');
    // The payments service has heard of the cancellation (and left the intent open).
    const cancelled = await stack.shop.database.db
      .selectFrom('outbox')
      .select('id')
      .where('type', '=', 'order.cancelled.v1')
      .where(sql<boolean>`payload->'data'->>'orderId' = ${order.orderId}`)
      .executeTakeFirstOrThrow();
    await waitFor(() =>
      stack.payments.database.db
        .selectFrom('inbox')
        .select('event_id')
        .where('event_id', '=', cancelled.id)
        .executeTakeFirst(),
    );

    await confirmPayment(stack, order, payment.id, '4242424242424242').expect(200);

    const state = await waitForOrder(stack, order.orderId, (s) => s.status === 'paid');
    expect(state.paymentStatus).toBe('paid');
    expect(await stockOf(stack, variantId)).toEqual({ onHand: 7, reserved: 0 });
  });

  describe('when the provider answers the confirm after its own webhook was applied', () => {
    /** Runs the fake provider's confirm, then holds its answer until `until` holds (the webhook applied). */
    function answerLate(until: () => Promise<boolean>, answer: (status: string) => string = (status) => status) {
      const fake = stack.payments.fake!;
      const confirmIntent = fake.confirmIntent.bind(fake);
      return jest.spyOn(fake, 'confirmIntent').mockImplementationOnce(async (...args) => {
        const intent = await confirmIntent(...args);
        await waitFor(async () => (await until()) || undefined, { description: 'the webhook applied first' });
        return { ...intent, status: answer(intent.status) as typeof intent.status };
      });
    }

    const paymentStatus = async (id: string) =>
      (
        await stack.payments.database.db
          .selectFrom('payments')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status;

    it('keeps a declined payment open to another card when the decline came first', async () => {
      const product = await createProduct(stack);
      const variantId = product.variants[0]!.id;
      const order = await placeOrder(stack, variantId, 1);
      const payment = await paymentOf(stack, order);
      const late = answerLate(async () => (await paymentStatus(payment.id)) === 'failed');

      await confirmPayment(stack, order, payment.id, '4000000000000002').expect(200);
      expect(late).toHaveBeenCalledTimes(1);
      late.mockRestore();

      // The provider's "processing" was older news than the decline: the payment stays failed.
      expect(await paymentStatus(payment.id)).toBe('failed');
      await waitForOrder(stack, order.orderId, (s) => s.status === 'cancelled');
      await confirmPayment(stack, order, payment.id, '4242424242424242').expect(200);
      const state = await waitForOrder(stack, order.orderId, (s) => s.status === 'paid');
      expect(state.paymentStatus).toBe('paid');
    });

    it("leaves the intent open when the decline's cancellation arrives while another card is on its way", async () => {
      const product = await createProduct(stack);
      const variantId = product.variants[0]!.id;
      const order = await placeOrder(stack, variantId, 1);
      const payment = await paymentOf(stack, order);
      await confirmPayment(stack, order, payment.id, '4000000000000002').expect(200);
      const cancelled = await waitForOrder(stack, order.orderId, (s) => s.status === 'cancelled');
      // The shop's order.cancelled.v1 reaching the payments service during the next confirm's call.
      const fake = stack.payments.fake!;
      const confirmIntent = fake.confirmIntent.bind(fake);
      const during = jest.spyOn(fake, 'confirmIntent').mockImplementationOnce(async (...args) => {
        expect(await paymentStatus(payment.id)).toBe('processing');
        await stack.payments.services.payments.orderCancelled({
          orderId: order.orderId,
          orderNumber: 1,
          userId: null,
          email: order.email,
          version: cancelled.version,
          reason: 'payment failed: card_declined',
          refundRequired: false,
        });
        return confirmIntent(...args);
      });

      await confirmPayment(stack, order, payment.id, '4242424242424242').expect(200);
      expect(during).toHaveBeenCalledTimes(1);
      during.mockRestore();

      const state = await waitForOrder(stack, order.orderId, (s) => s.status === 'paid');
      expect(state.paymentStatus).toBe('paid');
    });

    it('records a synchronous "succeeded" as processing, and the webhook then tells the shop', async () => {
      const product = await createProduct(stack);
      const variantId = product.variants[0]!.id;
      const order = await placeOrder(stack, variantId, 1);
      const payment = await paymentOf(stack, order);
      await stack.payments.webhookQueue.pause(true);
      try {
        const fake = stack.payments.fake!;
        const confirmIntent = fake.confirmIntent.bind(fake);
        jest
          .spyOn(fake, 'confirmIntent')
          .mockImplementationOnce(async (...args) => ({ ...(await confirmIntent(...args)), status: 'succeeded' }));
        const answered = await confirmPayment(stack, order, payment.id).expect(200);
        expect(answered.body.status).toBe('processing');
      } finally {
        await stack.payments.webhookQueue.resume(true);
      }
      const state = await waitForOrder(stack, order.orderId, (s) => s.status === 'paid');
      expect(state.paymentStatus).toBe('paid');
    });
  });
});
