/**
 * What the payments service needs from a payment provider. Every call carries an idempotency key
 * (Stripe's rule: a retried call with the same key has one effect), and final outcomes arrive as
 * signed webhooks, never as the answer to `confirm`.
 */
export interface ProviderIntent {
  id: string;
  status: 'requires_payment_method' | 'requires_action' | 'processing' | 'succeeded' | 'canceled';
  /** Where the customer completes an authentication challenge (3-D Secure), when one is needed. */
  nextActionUrl: string | null;
}

/** A test card (fake provider) or a provider payment method id such as `pm_card_visa`. */
export type PaymentMethodInput =
  { card: { number: string; expMonth: number; expYear: number; cvc: string } } | { paymentMethod: string };

export interface PaymentProvider {
  readonly name: 'fake' | 'stripe';
  createIntent(
    input: { orderId: string; amountMinor: number; currency: string },
    idempotencyKey: string,
  ): Promise<ProviderIntent>;
  confirmIntent(intentId: string, method: PaymentMethodInput, idempotencyKey: string): Promise<ProviderIntent>;
  /** Throws ProviderStateError when the intent can no longer be cancelled (it succeeded). */
  cancelIntent(intentId: string, idempotencyKey: string): Promise<void>;
  refund(intentId: string, idempotencyKey: string): Promise<void>;
}

/** The provider refused the call because of the intent's state (e.g. cancelling a paid intent). */
export class ProviderStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderStateError';
  }
}

/** The provider refused the payment method itself (e.g. a card number it does not know). */
export class ProviderInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderInputError';
  }
}
