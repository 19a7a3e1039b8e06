import { z } from 'zod';
import { OrderSchema, ShippingAddressSchema } from '../orders/index.js';

export const CheckoutInputSchema = z
  .strictObject(
    {
      email: z.email().optional().meta({ description: "Required for guests; defaults to the signed-in user's email." }),
      shippingAddress: ShippingAddressSchema,
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `the order is priced from the cart on the server; unknown field(s): ${((issue as { keys?: string[] }).keys ?? []).join(', ')}`
          : undefined,
    },
  )
  .meta({ id: 'CheckoutInput' });

export const IdempotencyHeaderSchema = z.object({
  'idempotency-key': z
    .string({ error: 'the Idempotency-Key header is required' })
    .regex(/^[A-Za-z0-9_.:-]{8,255}$/, 'must be 8-255 letters, digits or _ . : -')
    .meta({ description: 'A new random key per purchase (e.g. a UUID). Reuse it only to retry the same request.' }),
  'x-cart-token': z.string().optional(),
});

export const CheckoutResultSchema = z
  .object({
    order: OrderSchema,
    /** Authorises paying this order at the payments service; shown only to the buyer. */
    paymentToken: z.string(),
    /** Where to read and confirm the payment. */
    paymentUrl: z.string(),
  })
  .meta({ id: 'CheckoutResult' });

export type CheckoutInput = z.output<typeof CheckoutInputSchema>;
export type CheckoutResult = z.output<typeof CheckoutResultSchema>;
