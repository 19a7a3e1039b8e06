/** The shop's consumer of payment events: each one goes to PaymentOutcomes, which handles it once. */
import type { Consumer } from '../../../platform/messaging/broker.js';
import { SHOP_PAYMENT_CONSUMER, type PaymentOutcomes } from './payment-outcomes.js';

export function paymentOutcomesConsumer(outcomes: PaymentOutcomes): Consumer {
  return { name: SHOP_PAYMENT_CONSUMER, handle: (event) => outcomes.handle(event) };
}
