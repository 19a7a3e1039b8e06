/**
 * Provider webhooks. The signature is checked over the raw body with stripe.webhooks.constructEvent
 * (a tampered body, a wrong secret or an old timestamp is a 400 and changes nothing). Each event id is
 * recorded once: a replay finds it and changes nothing. The event is then applied to its payment under
 * a row lock, if it moves the payment forward (see payment-state.ts).
 */
import { BadRequestError, nulFieldErrors, ValidationError, type Logger } from '@roadmap/core';
import type { Kysely } from 'kysely';
import Stripe from 'stripe';
import { z } from 'zod';
import type { PaymentStatus, PaymentsDatabase } from '../../database.js';
import type { PaymentRepository, PaymentService } from '../payments/index.js';
import type { WebhookRepository } from './webhook.repository.js';

const IntentObject = z.object({
  id: z.string(),
  last_payment_error: z.object({ code: z.string().optional(), message: z.string().optional() }).nullish(),
});
const ChargeObject = z.object({ payment_intent: z.string() });
const EventSchema = z.object({
  id: z.string().min(1),
  type: z.string(),
  created: z.number().int(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

const STATUS_OF: Record<string, PaymentStatus> = {
  'payment_intent.requires_action': 'requires_action',
  'payment_intent.processing': 'processing',
  'payment_intent.succeeded': 'succeeded',
  'payment_intent.payment_failed': 'failed',
  'payment_intent.canceled': 'canceled',
  'charge.refunded': 'refunded',
};

export type WebhookOutcome = 'apply' | 'stale' | 'no_change' | 'duplicate' | 'ignored' | 'unknown_payment';

export interface WebhookServiceDeps {
  db: Kysely<PaymentsDatabase>;
  payments: PaymentRepository;
  events: WebhookRepository;
  service: PaymentService;
  providerName: string;
  secret: string;
  toleranceSeconds: number;
  logger: Logger;
}

export class WebhookService {
  private readonly db: Kysely<PaymentsDatabase>;
  private readonly payments: PaymentRepository;
  private readonly events: WebhookRepository;
  private readonly service: PaymentService;
  private readonly providerName: string;
  private readonly secret: string;
  private readonly toleranceSeconds: number;
  private readonly logger: Logger;

  constructor(deps: WebhookServiceDeps) {
    this.db = deps.db;
    this.payments = deps.payments;
    this.events = deps.events;
    this.service = deps.service;
    this.providerName = deps.providerName;
    this.secret = deps.secret;
    this.toleranceSeconds = deps.toleranceSeconds;
    this.logger = deps.logger;
  }

  async receive(rawBody: Buffer, signature: string | undefined): Promise<WebhookOutcome> {
    if (!signature) throw new BadRequestError('The Stripe-Signature header is missing.');
    let verified: unknown;
    try {
      verified = Stripe.webhooks.constructEvent(rawBody, signature, this.secret, this.toleranceSeconds);
    } catch {
      throw new BadRequestError('The webhook signature does not match the body, or its timestamp is too old.');
    }
    // PostgreSQL's text and jsonb cannot hold NUL: a signed event carrying one is refused, not a 500.
    const nul = nulFieldErrors(verified, 'body');
    if (nul.length > 0) throw new ValidationError(nul);
    const parsed = EventSchema.safeParse(verified);
    if (!parsed.success) throw new BadRequestError('The webhook event is not a provider event.');
    const event = parsed.data;
    const next = STATUS_OF[event.type];
    const intentId =
      next === 'refunded'
        ? ChargeObject.safeParse(event.data.object).data?.payment_intent
        : IntentObject.safeParse(event.data.object).data?.id;

    const outcome = await this.db.transaction().execute(async (trx): Promise<WebhookOutcome> => {
      const first = await this.events.recordFirst(trx, {
        id: event.id,
        type: event.type,
        createdAt: new Date(event.created * 1000),
      });
      if (!first) return 'duplicate';
      let result: WebhookOutcome = 'ignored';
      if (next && intentId) {
        const payment = await this.payments.byProviderId(this.providerName, intentId, trx);
        if (!payment) result = 'unknown_payment';
        else {
          const error = IntentObject.safeParse(event.data.object).data?.last_payment_error;
          result = await this.service.applyProviderEvent(trx, payment, next, {
            id: event.id,
            at: new Date(event.created * 1000),
            failure: error
              ? { code: error.code ?? 'payment_failed', message: error.message ?? 'The payment failed.' }
              : undefined,
          });
        }
      }
      await this.events.setOutcome(trx, event.id, result);
      return result;
    });
    this.logger.info({ eventId: event.id, type: event.type, outcome }, 'webhook handled');
    return outcome;
  }
}
