/**
 * Payments for orders: an intent per order (created when `order.created.v1` arrives), confirmed by the
 * buyer with the payment token from checkout, moved on by provider webhooks only, and cancelled or
 * refunded when the shop asks. Provider calls carry idempotency keys derived from the order or payment,
 * so a redelivered event or a retried request never charges or refunds twice.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AuthUser } from '@roadmap/auth';
import { ConflictError, NotFoundError, UnprocessableEntityError, withDeadline, type Logger } from '@roadmap/core';
import type { Kysely, Transaction } from 'kysely';
import type { EventData } from '../../../contracts/events.js';
import type { Outbox } from '../../../platform/messaging/outbox.js';
import type { PaymentRow, PaymentStatus, PaymentsDatabase } from '../../database.js';
import {
  ProviderInputError,
  ProviderStateError,
  type PaymentProvider,
  type ProviderIntent,
} from '../../providers/provider.js';
import { CONFIRMABLE, decide, type EventDecision } from './payment-state.js';
import type { PaymentRepository } from './payment.repository.js';
import type { ConfirmInput, Payment } from './payment.schemas.js';

type Trx = Transaction<PaymentsDatabase>;

export interface PaymentAccess {
  paymentToken?: string | undefined;
  user?: AuthUser | undefined;
}

const PROVIDER_DEADLINE_MS = 15_000;

export function toPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    orderId: row.order_id,
    status: row.status,
    amountMinor: row.amount_minor,
    currency: row.currency,
    provider: row.provider,
    nextActionUrl: row.status === 'requires_action' ? row.next_action_url : null,
    failureCode: row.failure_code,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function tokenMatches(token: string | undefined, hash: string): boolean {
  if (!token) return false;
  const given = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, Buffer.from(hash, 'hex'));
}

export interface PaymentServiceDeps {
  db: Kysely<PaymentsDatabase>;
  payments: PaymentRepository;
  provider: PaymentProvider;
  outbox: Outbox;
  logger: Logger;
}

export class PaymentService {
  private readonly db: Kysely<PaymentsDatabase>;
  private readonly payments: PaymentRepository;
  private readonly provider: PaymentProvider;
  private readonly outbox: Outbox;
  private readonly logger: Logger;

  constructor(deps: PaymentServiceDeps) {
    this.db = deps.db;
    this.payments = deps.payments;
    this.provider = deps.provider;
    this.outbox = deps.outbox;
    this.logger = deps.logger;
  }

  private call<T>(work: Promise<T>, what: string): Promise<T> {
    return withDeadline(work, PROVIDER_DEADLINE_MS, `payment provider (${what})`);
  }

  /** The payment if `access` may see it; 404 otherwise, so a guess reveals nothing. */
  private authorize(row: PaymentRow | undefined, access: PaymentAccess, what: string): PaymentRow {
    if (row && (access.user?.role === 'admin' || tokenMatches(access.paymentToken, row.payment_token_hash))) return row;
    throw new NotFoundError(`No ${what}. A payment is created moments after checkout; retry shortly.`, {
      headers: { 'Retry-After': '1' },
    });
  }

  async getByOrder(orderId: string, access: PaymentAccess): Promise<Payment> {
    return toPayment(this.authorize(await this.payments.byOrder(orderId), access, `payment for order ${orderId}`));
  }

  /**
   * Sends a payment method to the provider. The outcome (succeeded or failed) comes by webhook, with
   * the event that tells the shop; so the payment is marked processing before the provider is called,
   * and the provider's answer only adds what no webhook carries (a required authentication). A webhook,
   * however fast, then always moves the payment on from processing, and an answer read before it
   * never moves the payment back. Should the call fail, the payment is open to a retry again.
   */
  async confirm(id: string, access: PaymentAccess, input: ConfirmInput, idempotencyKey: string): Promise<Payment> {
    const payment = this.authorize(await this.payments.byId(id), access, `payment ${id}`);
    const before = await this.db.transaction().execute(async (trx) => {
      const current = (await this.payments.byId(id, trx, true))!;
      if (!CONFIRMABLE.includes(current.status) || !current.provider_payment_id) {
        throw new ConflictError(`The payment is ${current.status}; it cannot be confirmed.`, {
          extensions: { currentStatus: current.status },
        });
      }
      await this.payments.transition(trx, current, 'processing', { eventId: null, eventAt: null, nextActionUrl: null });
      return current;
    });
    let intent;
    try {
      intent = await this.call(
        this.provider.confirmIntent(payment.provider_payment_id!, input, `confirm:${payment.id}:${idempotencyKey}`),
        'confirm',
      );
    } catch (err) {
      await this.reopen(before);
      if (err instanceof ProviderInputError) throw new UnprocessableEntityError(err.message);
      if (err instanceof ProviderStateError) throw new ConflictError(err.message);
      throw err;
    }
    const updated = await this.db.transaction().execute(async (trx) => {
      const current = (await this.payments.byId(id, trx, true))!;
      if (intent.status !== 'requires_action' || current.status !== 'processing') return current;
      return this.payments.transition(trx, current, 'requires_action', {
        eventId: null,
        eventAt: null,
        nextActionUrl: intent.nextActionUrl,
      });
    });
    return toPayment(updated);
  }

  /** After a failed confirm call: the status before it, unless a webhook has moved the payment meanwhile. */
  private async reopen(before: PaymentRow): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const current = (await this.payments.byId(before.id, trx, true))!;
      if (current.status !== 'processing') return;
      await this.payments.transition(trx, current, before.status, {
        eventId: null,
        eventAt: null,
        nextActionUrl: before.next_action_url,
      });
    });
  }

  /**
   * `order.created.v1`, first half, outside any transaction (no connection is held across a network
   * call): the intent at the provider. The order id is the idempotency key, so a redelivery gets the
   * same intent back.
   */
  async intentFor(data: EventData<'order.created.v1'>): Promise<ProviderIntent> {
    return this.call(
      this.provider.createIntent(
        { orderId: data.orderId, amountMinor: data.totalMinor, currency: data.currency },
        `order:${data.orderId}`,
      ),
      'create intent',
    );
  }

  /** `order.created.v1`, second half, in the inbox transaction: the payment row. */
  async recordPayment(trx: Trx, data: EventData<'order.created.v1'>, intent: ProviderIntent): Promise<void> {
    if (await this.payments.byOrder(data.orderId, trx)) return;
    await this.payments.insert(trx, {
      order_id: data.orderId,
      user_id: data.userId,
      email: data.email,
      amount_minor: data.totalMinor,
      currency: data.currency,
      status: 'requires_payment_method',
      provider: this.provider.name,
      provider_payment_id: intent.id,
      payment_token_hash: data.paymentTokenHash,
      next_action_url: null,
    });
  }

  /**
   * `order.cancelled.v1`: refund what was paid, or cancel the intent so it can no longer be paid. The
   * provider calls are idempotent by key; the payment's status changes when their webhooks arrive.
   */
  async orderCancelled(data: EventData<'order.cancelled.v1'>): Promise<void> {
    const payment = await this.payments.byOrder(data.orderId);
    if (!payment?.provider_payment_id) return;
    if (data.refundRequired) return this.refund(data.orderId);
    if (['succeeded', 'canceled', 'refunded'].includes(payment.status)) return;
    // A declined card cancelled the order; the intent stays open so the buyer can try another card on
    // the same order (the shop sells it after all if the stock is still there, or refunds). That card
    // may already be on its way: the payment is then processing again, after a failure.
    if (payment.status === 'failed') return;
    if (payment.status === 'processing' && (await this.payments.hasFailed(payment.id))) return;
    try {
      await this.call(this.provider.cancelIntent(payment.provider_payment_id, `cancel:${payment.id}`), 'cancel');
    } catch (err) {
      if (!(err instanceof ProviderStateError)) throw err;
      // It was paid meanwhile: its success webhook will reach the shop, which re-sells or refunds.
      this.logger.info({ paymentId: payment.id }, 'intent already paid when its order was cancelled');
    }
  }

  /** `order.refund_requested.v1` (and a cancelled paid order): refund at the provider, once. */
  async refund(orderId: string): Promise<void> {
    const payment = await this.payments.byOrder(orderId);
    if (!payment?.provider_payment_id || payment.status === 'refunded') return;
    if (payment.status !== 'succeeded')
      throw new Error(`payment ${payment.id} is ${payment.status}; refund waits for its success`);
    await this.call(this.provider.refund(payment.provider_payment_id, `refund:${payment.id}`), 'refund');
  }

  /** A verified provider event for `payment`: applied if it moves the payment forward (see decide). */
  async applyProviderEvent(
    trx: Trx,
    payment: PaymentRow,
    next: PaymentStatus,
    event: { id: string; at: Date; failure?: { code: string; message: string } | undefined },
  ): Promise<EventDecision> {
    const decision = decide({ status: payment.status, lastEventAt: payment.last_event_at }, next, event.at);
    if (decision !== 'apply') return decision;
    const after = await this.payments.transition(trx, payment, next, {
      eventId: event.id,
      eventAt: event.at,
      ...(event.failure ? { failureCode: event.failure.code } : {}),
    });
    const ref = { paymentId: after.id, orderId: after.order_id };
    if (next === 'succeeded') {
      await this.outbox.record(trx, 'payment.succeeded.v1', {
        ...ref,
        amountMinor: after.amount_minor,
        currency: after.currency,
        provider: after.provider,
        providerPaymentId: after.provider_payment_id ?? '',
      });
    } else if (next === 'failed') {
      await this.outbox.record(trx, 'payment.failed.v1', {
        ...ref,
        code: event.failure?.code ?? 'payment_failed',
        message: event.failure?.message ?? 'The payment failed.',
      });
    } else if (next === 'refunded') {
      await this.outbox.record(trx, 'payment.refunded.v1', {
        ...ref,
        amountMinor: after.amount_minor,
        currency: after.currency,
      });
    }
    return decision;
  }
}
