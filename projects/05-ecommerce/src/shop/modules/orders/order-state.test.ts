import { ConflictError, ForbiddenError } from '@roadmap/core';
import { allowedTransitions, assertTransition, type OrderStanding } from './order-state.js';

const paid = (status: OrderStanding['status']): OrderStanding => ({ status, paymentStatus: 'paid' });
const unpaid = (status: OrderStanding['status']): OrderStanding => ({ status, paymentStatus: 'pending' });

describe('order state machine', () => {
  it('lets an admin ship a paid order and deliver a shipped one', () => {
    expect(() => assertTransition(paid('paid'), 'fulfilled', 'admin')).not.toThrow();
    expect(() => assertTransition(paid('fulfilled'), 'delivered', 'admin')).not.toThrow();
  });

  it('answers 409 naming the current state for a move that does not exist', () => {
    let error: unknown;
    try {
      assertTransition(paid('delivered'), 'paid', 'admin');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).extensions).toMatchObject({ currentStatus: 'delivered' });
  });

  it('refuses a customer a move that only an admin may make', () => {
    expect(() => assertTransition(paid('paid'), 'fulfilled', 'customer')).toThrow(ForbiddenError);
  });

  it('lets a customer cancel before shipment but not after', () => {
    expect(allowedTransitions(unpaid('pending_payment'), 'customer')).toEqual(['cancelled']);
    expect(allowedTransitions(paid('paid'), 'customer')).toEqual(['cancelled']);
    expect(allowedTransitions(paid('fulfilled'), 'customer')).toEqual([]);
  });

  it('reserves marking an order paid to the payment events', () => {
    expect(allowedTransitions(unpaid('pending_payment'), 'admin')).toEqual(['cancelled']);
    expect(allowedTransitions(unpaid('cancelled'), 'system')).toEqual(['paid']);
    expect(allowedTransitions({ status: 'refunded', paymentStatus: 'refunded' }, 'admin')).toEqual([]);
  });

  it('never ships an order whose payment is refunded or being refunded, and offers no such move', () => {
    for (const paymentStatus of ['refunded', 'refund_pending'] as const) {
      const order: OrderStanding = { status: 'paid', paymentStatus };

      expect(() => assertTransition(order, 'fulfilled', 'admin')).toThrow(ConflictError);
      expect(allowedTransitions(order, 'admin')).not.toContain('fulfilled');
    }
  });

  it('lets a refund made at the provider refund a paid, shipped or delivered order', () => {
    for (const status of ['paid', 'fulfilled', 'delivered'] as const) {
      expect(allowedTransitions(paid(status), 'system')).toContain('refunded');
    }
  });
});
