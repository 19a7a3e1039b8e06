/**
 * An offline stand-in for Stripe: intents kept in its own table, test cards that succeed, decline or
 * need authentication, idempotency keys honoured, and every outcome sent as a Stripe-format signed
 * webhook through the delivery queue (so it arrives late, may arrive twice, and may be retried).
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { PaymentsDatabase } from '../database.js';
import type { WebhookSender } from '../jobs/fake-webhooks.js';
import {
  ProviderInputError,
  ProviderStateError,
  type PaymentMethodInput,
  type PaymentProvider,
  type ProviderIntent,
} from './provider.js';
import { FakeIntentRepository } from './fake-provider.repository.js';
import { TEST_CARDS, TEST_PAYMENT_METHODS, type CardOutcome } from './test-cards.js';

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

type Row = { id: string; amount: number; currency: string; status: string; metadata: Record<string, string> };

export interface FakeProviderDeps {
  db: Kysely<PaymentsDatabase>;
  webhooks: WebhookSender;
  clock: Clock;
  /** Base URL of the fake authentication page (served by the payments service). */
  publicUrl: string;
}

export class FakeProvider implements PaymentProvider {
  readonly name = 'fake';
  private readonly intents: FakeIntentRepository;
  private readonly webhooks: WebhookSender;
  private readonly clock: Clock;
  private readonly publicUrl: string;

  constructor(deps: FakeProviderDeps) {
    this.intents = new FakeIntentRepository(deps.db);
    this.webhooks = deps.webhooks;
    this.clock = deps.clock;
    this.publicUrl = deps.publicUrl;
  }

  async createIntent(input: { orderId: string; amountMinor: number; currency: string }, idempotencyKey: string) {
    const row = await this.intents.createOnce({
      id: id('pi'),
      idempotency_key: idempotencyKey,
      amount: input.amountMinor,
      currency: input.currency.toLowerCase(),
      status: 'requires_payment_method',
      metadata: { order_id: input.orderId },
    });
    return this.view(row);
  }

  async confirmIntent(intentId: string, method: PaymentMethodInput): Promise<ProviderIntent> {
    const outcome =
      'card' in method ? TEST_CARDS[method.card.number.replace(/\s/g, '')] : TEST_PAYMENT_METHODS[method.paymentMethod];
    if (!outcome) throw new ProviderInputError('Use one of the test cards or payment methods (see the README).');
    const row = await this.intent(intentId);
    if (!['requires_payment_method', 'requires_action'].includes(row.status)) {
      throw new ProviderStateError(`The payment intent is ${row.status}; it cannot be confirmed.`);
    }
    if (outcome.kind === 'authenticate') return this.view(await this.setStatus(row, 'requires_action'));
    return this.settleOrUndo(row, outcome);
  }

  /** The customer passed or failed the (simulated) authentication challenge. */
  async authenticate(intentId: string, approve: boolean): Promise<ProviderIntent> {
    const row = await this.intent(intentId);
    if (row.status !== 'requires_action') throw new ProviderStateError(`The payment intent is ${row.status}.`);
    const outcome: CardOutcome = approve ? { kind: 'succeed' } : { kind: 'decline', code: 'card_declined' };
    return this.settleOrUndo(row, outcome);
  }

  /** Settles `row` (see orUndo): the buyer's retry settles it again should its webhook not be queued. */
  private settleOrUndo(row: Row, outcome: CardOutcome): Promise<ProviderIntent> {
    return this.orUndo(row, async () => this.settle(await this.setStatus(row, 'processing'), outcome));
  }

  /**
   * Runs a change of `row` and the queueing of its webhook. Should the webhook not be queued (Redis
   * down), the intent goes back to where it was and the call fails: its retry (the buyer's, or the
   * payments consumer's) then makes the change again, instead of finding it made with no webhook
   * ever to tell the payments service.
   */
  private async orUndo<T>(row: Row, change: () => Promise<T>): Promise<T> {
    try {
      return await change();
    } catch (err) {
      await this.setStatus(row, row.status);
      throw err;
    }
  }

  async cancelIntent(intentId: string): Promise<void> {
    const row = await this.intent(intentId);
    if (row.status === 'canceled') return;
    if (row.status === 'succeeded' || row.status === 'refunded') {
      throw new ProviderStateError(`The payment intent is ${row.status}; it cannot be cancelled.`);
    }
    await this.orUndo(row, async () => this.emit('payment_intent.canceled', await this.setStatus(row, 'canceled')));
  }

  async refund(intentId: string): Promise<void> {
    const row = await this.intent(intentId);
    if (row.status === 'refunded') return;
    if (row.status !== 'succeeded')
      throw new ProviderStateError(`The payment intent is ${row.status}; nothing to refund.`);
    await this.orUndo(row, async () => {
      const refunded = await this.setStatus(row, 'refunded');
      await this.webhooks.send({
        id: id('evt'),
        type: 'charge.refunded',
        created: this.seconds(),
        data: {
          object: {
            id: id('ch'),
            object: 'charge',
            payment_intent: refunded.id,
            amount: refunded.amount,
            amount_refunded: refunded.amount,
            currency: refunded.currency,
            refunded: true,
          },
        },
      });
    });
  }

  private async settle(row: Row, outcome: CardOutcome): Promise<ProviderIntent> {
    if (outcome.kind === 'decline') {
      const failed = await this.setStatus(row, 'requires_payment_method');
      await this.emit('payment_intent.payment_failed', failed, {
        code: outcome.code,
        message: `The card was declined (${outcome.code}).`,
      });
      return { ...this.view(failed), status: 'processing' };
    }
    await this.emit('payment_intent.succeeded', await this.setStatus(row, 'succeeded'));
    return { ...this.view(row), status: 'processing' };
  }

  private async emit(type: string, row: Row, lastError?: { code: string; message: string }): Promise<void> {
    await this.webhooks.send({
      id: id('evt'),
      type,
      created: this.seconds(),
      data: {
        object: {
          id: row.id,
          object: 'payment_intent',
          amount: row.amount,
          currency: row.currency,
          status: row.status,
          metadata: row.metadata,
          last_payment_error: lastError ?? null,
        },
      },
    });
  }

  private seconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  private async intent(intentId: string): Promise<Row> {
    const row = await this.intents.find(intentId);
    if (!row) throw new ProviderInputError(`No payment intent ${intentId}.`);
    return row;
  }

  private async setStatus(row: Row, status: string): Promise<Row> {
    return this.intents.setStatus(row.id, status);
  }

  private view(row: Row): ProviderIntent {
    return {
      id: row.id,
      status: row.status === 'refunded' ? 'succeeded' : (row.status as ProviderIntent['status']),
      nextActionUrl: row.status === 'requires_action' ? `${this.publicUrl}/fake-provider/authenticate/${row.id}` : null,
    };
  }
}
