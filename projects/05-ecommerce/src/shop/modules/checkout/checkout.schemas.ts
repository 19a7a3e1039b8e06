import { z } from 'zod';
import { OrderSchema, ShippingAddressSchema } from '../orders/index.js';

export const CheckoutInputSchema = z
  .strictObject(
    {
      email: z.email().optional().meta({
        description: "Required for guests (422 otherwise); defaults to the signed-in user's email.",
        pattern: z.regexes.email.source,
        example: 'demo@example.com',
      }),
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
    .meta({
      description: 'A new random key per purchase (e.g. a UUID). Reuse it only to retry the same request.',
      example: '6f1c2b9e-0d4a-4c8e-9b7a-3e2f1d0c9b8a',
    }),
  'x-cart-token': z.string().optional().meta({
    pattern: '^[0-9a-f-]{36}\\.[A-Za-z0-9+/]{43}$',
    description: 'The guest cart token (or the signed `cart` cookie); one the shop did not issue is a 400.',
  }),
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
/** What checkout decides and stores for replay; the controller adds the `paymentUrl` the caller reaches. */
export type PlacedOrder = Omit<CheckoutResult, 'paymentUrl'>;
