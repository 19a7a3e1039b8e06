import { nonBlank, paginationShape, uuidSchema } from '@roadmap/core';
import { z } from 'zod';
import { FulfillmentStatusSchema, OrderStatusSchema, PaymentStatusSchema } from '../../../contracts/events.js';

export const OrderLineSchema = z
  .object({
    sku: z.string(),
    name: z.string(),
    unitPriceMinor: z.number().int(),
    quantity: z.number().int(),
    lineTotalMinor: z.number().int(),
  })
  .meta({ id: 'OrderLine' });

export const ShippingAddressSchema = z
  .strictObject({
    name: nonBlank(z.string().trim().min(1).max(100)).meta({ example: 'Ada Lovelace' }),
    line1: nonBlank(z.string().trim().min(1).max(200)).meta({ example: '12 Analytical Row' }),
    line2: z.string().trim().max(200).optional().meta({ example: 'Flat 3' }),
    city: nonBlank(z.string().trim().min(1).max(100)).meta({ example: 'London' }),
    postalCode: nonBlank(z.string().trim().min(1).max(20)).meta({ example: 'N1 9GU' }),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code such as DE')
      .meta({ example: 'GB' }),
  })
  .meta({ id: 'ShippingAddress' });

export const OrderSchema = z
  .object({
    id: z.string(),
    number: z.number().int(),
    status: OrderStatusSchema,
    paymentStatus: PaymentStatusSchema,
    fulfillmentStatus: FulfillmentStatusSchema,
    email: z.string(),
    currency: z.string(),
    totalMinor: z.number().int(),
    lines: z.array(OrderLineSchema),
    shippingAddress: ShippingAddressSchema,
    trackingNumber: z.string().nullable(),
    reservationExpiresAt: z.string(),
    /** Grows by one with every change; a client keeps the highest it has seen. */
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Order' });

export const OrderHistoryEntrySchema = z
  .object({
    version: z.number().int(),
    fromStatus: OrderStatusSchema.nullable(),
    toStatus: OrderStatusSchema,
    paymentStatus: PaymentStatusSchema,
    fulfillmentStatus: FulfillmentStatusSchema,
    actor: z.object({ type: z.enum(['customer', 'admin', 'system']), id: z.string().nullable() }),
    reason: z.string().nullable(),
    at: z.string(),
  })
  .meta({ id: 'OrderHistoryEntry' });

export const OrderHistorySchema = z.object({ data: z.array(OrderHistoryEntrySchema) }).meta({ id: 'OrderHistory' });

export const OrderPageSchema = z
  .object({
    data: z.array(OrderSchema),
    page: z.number().int(),
    limit: z.number().int(),
    total: z.number().int(),
    totalPages: z.number().int(),
  })
  .meta({ id: 'OrderPage' });

export const AdminOrderSchema = z
  .object({
    order: OrderSchema,
    history: z.array(OrderHistoryEntrySchema),
    allowedTransitions: z.array(OrderStatusSchema),
  })
  .meta({ id: 'AdminOrder' });

export const OrderListQuerySchema = z.object({
  status: OrderStatusSchema.optional(),
  ...paginationShape({ sortable: ['createdAt'], defaultSort: '-createdAt', maxLimit: 100 }),
});

/** The admin order desk's filters: besides status, payment status and a search by number or email. */
export const AdminOrderListQuerySchema = OrderListQuerySchema.extend({
  paymentStatus: PaymentStatusSchema.optional(),
  q: nonBlank(z.string().trim().min(1).max(200))
    .optional()
    .meta({ description: 'An order number, or part of an email.' }),
});

export const TransitionInputSchema = z
  .strictObject({
    to: OrderStatusSchema,
    reason: nonBlank(z.string().trim().min(1).max(300)).optional().meta({ example: 'Shipped with tracking.' }),
    trackingNumber: nonBlank(z.string().trim().min(1).max(60)).optional().meta({ example: '1Z999AA10123456784' }),
  })
  .meta({ id: 'OrderTransitionInput' });

export const CancelInputSchema = z
  .strictObject({ reason: nonBlank(z.string().trim().min(1).max(300)).optional().meta({ example: 'Ordered twice.' }) })
  .meta({ id: 'OrderCancelInput' });

export type Order = z.output<typeof OrderSchema>;
export type OrderHistoryEntry = z.output<typeof OrderHistoryEntrySchema>;
export type OrderListQuery = z.output<typeof OrderListQuerySchema>;
export type AdminOrderListQuery = z.output<typeof AdminOrderListQuerySchema>;
export type TransitionInput = z.output<typeof TransitionInputSchema>;
export type ShippingAddressInput = z.output<typeof ShippingAddressSchema>;

export const OrderIdParamsSchema = z.object({ id: uuidSchema('id') });
