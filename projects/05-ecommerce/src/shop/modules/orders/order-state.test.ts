import { ConflictError, ForbiddenError } from '@roadmap/core';
import { allowedTransitions, assertTransition } from './order-state.js';

describe('order state machine', () => {
  it('lets an admin ship a paid order and deliver a shipped one', () => {
    expect(() => assertTransition('paid', 'fulfilled', 'admin')).not.toThrow();
    expect(() => assertTransition('fulfilled', 'delivered', 'admin')).not.toThrow();
  });

  it('answers 409 naming the current state for a move that does not exist', () => {
    let error: unknown;
    try {
      assertTransition('delivered', 'paid', 'admin');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).extensions).toMatchObject({ currentStatus: 'delivered' });
  });

  it('refuses a customer a move that only an admin may make', () => {
    expect(() => assertTransition('paid', 'fulfilled', 'customer')).toThrow(ForbiddenError);
  });

  it('lets a customer cancel before shipment but not after', () => {
    expect(allowedTransitions('pending_payment', 'customer')).toEqual(['cancelled']);
    expect(allowedTransitions('paid', 'customer')).toEqual(['cancelled']);
    expect(allowedTransitions('fulfilled', 'customer')).toEqual([]);
  });

  it('reserves marking an order paid to the payment events', () => {
    expect(allowedTransitions('pending_payment', 'admin')).toEqual(['cancelled']);
    expect(allowedTransitions('cancelled', 'system')).toEqual(['paid']);
    expect(allowedTransitions('refunded', 'admin')).toEqual([]);
  });
});
