import { z } from 'zod';
import { PAYMENT_STATUSES } from '../../database.js';

export const PaymentSchema = z
  .object({
    id: z.string(),
    orderId: z.string(),
    status: z.enum(PAYMENT_STATUSES),
    amountMinor: z.number().int(),
    currency: z.string(),
    provider: z.string(),
    /** Where to complete an authentication challenge, when the status is requires_action. */
    nextActionUrl: z.string().nullable(),
    failureCode: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Payment' });

const card = z.strictObject({
  number: z.string().regex(/^[0-9 ]{12,23}$/, 'must be a card number'),
  expMonth: z.number().int().min(1).max(12),
  expYear: z.number().int().min(2000).max(2100),
  cvc: z.string().regex(/^[0-9]{3,4}$/, 'must be 3 or 4 digits'),
});

export const ConfirmInputSchema = z
  .union([z.strictObject({ card }), z.strictObject({ paymentMethod: z.string().regex(/^pm_[A-Za-z0-9_]+$/) })], {
    error: 'send either { card: { number, expMonth, expYear, cvc } } or { paymentMethod: "pm_..." }',
  })
  .meta({ id: 'PaymentConfirmInput' });

export const OrderIdParamsSchema = z.object({ orderId: z.uuid('orderId must be a UUID') });
export const PaymentIdParamsSchema = z.object({ id: z.uuid('id must be a UUID') });

export const PaymentTokenHeaderSchema = z.object({
  'payment-token': z
    .string()
    .min(20)
    .optional()
    .meta({ description: 'The paymentToken from the checkout answer (or an admin bearer token instead).' }),
  'idempotency-key': z.string().min(8).max(255).optional(),
});

export type Payment = z.output<typeof PaymentSchema>;
export type ConfirmInput = z.output<typeof ConfirmInputSchema>;
