/**
 * The real provider through the `stripe` SDK. Point STRIPE_API_BASE at a local stripe-mock to check
 * request shapes offline. Each call passes Stripe an idempotency key, so a retried call has one effect.
 */
import Stripe from 'stripe';
import {
  ProviderInputError,
  ProviderStateError,
  type PaymentMethodInput,
  type PaymentProvider,
  type ProviderIntent,
} from './provider.js';

export interface StripeProviderOptions {
  secretKey: string;
  /** e.g. http://127.0.0.1:12111 for stripe-mock; unset for api.stripe.com. */
  apiBase?: string | undefined;
  timeoutMs?: number;
}

function toIntent(intent: Stripe.PaymentIntent): ProviderIntent {
  const status =
    intent.status === 'requires_confirmation' || intent.status === 'requires_capture' ? 'processing' : intent.status;
  return {
    id: intent.id,
    status: status as ProviderIntent['status'],
    nextActionUrl: intent.next_action?.redirect_to_url?.url ?? null,
  };
}

function rethrow(err: unknown): never {
  if (err instanceof Stripe.errors.StripeInvalidRequestError && err.code === 'payment_intent_unexpected_state') {
    throw new ProviderStateError(err.message);
  }
  if (err instanceof Stripe.errors.StripeCardError || err instanceof Stripe.errors.StripeInvalidRequestError) {
    throw new ProviderInputError(err.message);
  }
  throw err;
}

export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe';
  private readonly stripe: Stripe;

  constructor(options: StripeProviderOptions) {
    const base = options.apiBase ? new URL(options.apiBase) : undefined;
    this.stripe = new Stripe(options.secretKey, {
      timeout: options.timeoutMs ?? 10_000,
      maxNetworkRetries: 2,
      ...(base
        ? {
            host: base.hostname,
            port: Number(base.port || 80),
            protocol: base.protocol.replace(':', '') as 'http' | 'https',
          }
        : {}),
    });
  }

  async createIntent(input: { orderId: string; amountMinor: number; currency: string }, idempotencyKey: string) {
    const intent = await this.stripe.paymentIntents
      .create(
        {
          amount: input.amountMinor,
          currency: input.currency.toLowerCase(),
          metadata: { order_id: input.orderId },
          automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
        },
        { idempotencyKey },
      )
      .catch(rethrow);
    return toIntent(intent);
  }

  async confirmIntent(intentId: string, method: PaymentMethodInput, idempotencyKey: string) {
    if ('card' in method)
      throw new ProviderInputError('Stripe takes a payment method id (e.g. pm_card_visa), never card numbers.');
    const intent = await this.stripe.paymentIntents
      .confirm(intentId, { payment_method: method.paymentMethod }, { idempotencyKey })
      .catch(rethrow);
    return toIntent(intent);
  }

  async cancelIntent(intentId: string, idempotencyKey: string): Promise<void> {
    await this.stripe.paymentIntents.cancel(intentId, {}, { idempotencyKey }).catch(rethrow);
  }

  async refund(intentId: string, idempotencyKey: string): Promise<void> {
    await this.stripe.refunds.create({ payment_intent: intentId }, { idempotencyKey }).catch(rethrow);
  }
}
