import { uuidSchema } from '@roadmap/core';
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
  .union(
    [
      z.strictObject({ card }),
      z.strictObject({
        paymentMethod: z
          .string()
          .regex(/^pm_[A-Za-z0-9_]+$/)
          .meta({ example: 'pm_card_visa' }),
      }),
    ],
    { error: 'send either { card: { number, expMonth, expYear, cvc } } or { paymentMethod: "pm_..." }' },
  )
  .meta({
    id: 'PaymentConfirmInput',
    example: { card: { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2034, cvc: '123' } },
  });

export const OrderIdParamsSchema = z.object({ orderId: uuidSchema('orderId') });
export const PaymentIdParamsSchema = z.object({ id: uuidSchema('id') });
/** The fake provider's payment intent ids. */
export const IntentIdParamsSchema = z.object({
  intentId: z.string().regex(/^pi_[0-9a-f]{24}$/, 'intentId must be a payment intent id (pi_ and 24 hex digits)'),
});

const paymentToken = z
  .string()
  .min(20)
  .optional()
  .meta({ description: 'The paymentToken from the checkout answer (or an admin bearer token instead).' });

/** Reading a payment: who may (the payment token). */
export const PaymentTokenHeaderSchema = z.object({ 'payment-token': paymentToken });

/** Confirming a payment: who may, and the retry key. */
export const ConfirmHeadersSchema = PaymentTokenHeaderSchema.extend({
  'idempotency-key': z.string().min(8).max(255).optional().meta({ example: '6f1c2b9e-0d4a-4c8e-9b7a-3e2f1d0c9b8a' }),
});

export type Payment = z.output<typeof PaymentSchema>;
export type ConfirmInput = z.output<typeof ConfirmInputSchema>;

/** The fake provider's 3-D Secure stand-in: approve or fail the challenge. */
export const AuthenticateInputSchema = z.strictObject({ approve: z.boolean() }).meta({ id: 'FakeAuthenticationInput' });
export type AuthenticateInput = z.output<typeof AuthenticateInputSchema>;
