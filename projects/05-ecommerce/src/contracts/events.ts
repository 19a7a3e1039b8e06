/**
 * The event contracts between the shop, payments and notifications: one zod schema per versioned
 * name. Every event travels as `{ id, type, occurredAt, data }`; the routing key is its type. A
 * breaking change gets a new name (`.v2`) published beside the old one until no consumer needs it.
 */
import { z } from 'zod';

const money = { currency: z.string().length(3), totalMinor: z.number().int().nonnegative() };
const orderRef = {
  orderId: z.uuid(),
  orderNumber: z.number().int().positive(),
  userId: z.string().nullable(),
  email: z.email(),
  /** The order's version after this change: consumers drop anything older than what they have seen. */
  version: z.number().int().positive(),
};

export const OrderStatusSchema = z.enum(['pending_payment', 'paid', 'fulfilled', 'delivered', 'cancelled', 'refunded']);
export const PaymentStatusSchema = z.enum(['pending', 'paid', 'failed', 'refund_pending', 'refunded']);
export const FulfillmentStatusSchema = z.enum(['unfulfilled', 'shipped', 'delivered']);
export const ActorSchema = z.object({ type: z.enum(['customer', 'admin', 'system']), id: z.string().nullable() });

const OrderLineSchema = z.object({
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int().positive(),
  unitPriceMinor: z.number().int().nonnegative(),
});

export const eventDataSchemas = {
  'order.created.v1': z.object({
    ...orderRef,
    ...money,
    lines: z.array(OrderLineSchema),
    reservationExpiresAt: z.iso.datetime(),
    /** sha256 of the payment token the buyer got from checkout; payments checks it on confirm. */
    paymentTokenHash: z.string().length(64),
  }),
  'order.paid.v1': z.object({ ...orderRef, ...money, lines: z.array(OrderLineSchema), paidAt: z.iso.datetime() }),
  'order.cancelled.v1': z.object({ ...orderRef, reason: z.string(), refundRequired: z.boolean() }),
  'order.fulfilled.v1': z.object({ ...orderRef, trackingNumber: z.string().nullable() }),
  'order.refund_requested.v1': z.object({ ...orderRef, reason: z.string() }),
  'order.refunded.v1': z.object({ ...orderRef, ...money }),
  /** Every change of status, payment status or fulfilment status: what a live order view needs. */
  'order.status_changed.v1': z.object({
    ...orderRef,
    status: OrderStatusSchema,
    paymentStatus: PaymentStatusSchema,
    fulfillmentStatus: FulfillmentStatusSchema,
    actor: ActorSchema,
    reason: z.string().nullable(),
    /** Added later in v1 (optional, so earlier events still parse): what a live order feed shows. */
    totalMinor: z.number().int().nonnegative().optional(),
    currency: z.string().length(3).optional(),
  }),
  'inventory.low_stock.v1': z.object({
    variantId: z.uuid(),
    sku: z.string(),
    saleable: z.number().int(),
    threshold: z.number().int(),
  }),
  'payment.succeeded.v1': z.object({
    paymentId: z.uuid(),
    orderId: z.uuid(),
    amountMinor: z.number().int().nonnegative(),
    currency: z.string().length(3),
    provider: z.string(),
    providerPaymentId: z.string(),
  }),
  'payment.failed.v1': z.object({
    paymentId: z.uuid(),
    orderId: z.uuid(),
    code: z.string(),
    message: z.string(),
  }),
  'payment.refunded.v1': z.object({
    paymentId: z.uuid(),
    orderId: z.uuid(),
    amountMinor: z.number().int().nonnegative(),
    currency: z.string().length(3),
  }),
} as const;

export type EventType = keyof typeof eventDataSchemas;
export const EVENT_TYPES = Object.keys(eventDataSchemas) as EventType[];
export type EventData<T extends EventType> = z.output<(typeof eventDataSchemas)[T]>;

export interface DomainEvent<T extends EventType = EventType> {
  id: string;
  type: T;
  occurredAt: string;
  data: EventData<T>;
}

const EnvelopeSchema = z.object({
  id: z.uuid(),
  type: z.enum(EVENT_TYPES as [EventType, ...EventType[]]),
  occurredAt: z.iso.datetime(),
  data: z.unknown(),
});

/** Parses a message body into a known, valid event; throws a ZodError naming what is wrong. */
export function parseEvent(body: unknown): DomainEvent {
  const envelope = EnvelopeSchema.parse(body);
  const data = eventDataSchemas[envelope.type].parse(envelope.data);
  return { ...envelope, data } as DomainEvent;
}

export function isEvent<T extends EventType>(event: DomainEvent, type: T): event is DomainEvent<T> {
  return event.type === type;
}
