import { uuidSchema } from '@roadmap/core';
import { z } from 'zod';

const PRICE_KEY = /price|total|amount|cost/i;

/** Unknown keys are refused; a price among them gets a message saying why. */
function noClientPrices(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'unrecognized_keys') return undefined;
  const keys = (issue as { keys?: string[] }).keys ?? [];
  return keys.some((key) => PRICE_KEY.test(key))
    ? `prices are computed by the server; do not send ${keys.join(', ')}`
    : `unknown field(s): ${keys.join(', ')}`;
}

const quantity = z.number().int().min(1).max(100);

export const AddCartItemSchema = z
  .strictObject({ variantId: uuidSchema('variantId'), quantity }, { error: noClientPrices })
  .meta({ id: 'AddCartItem' });

export const SetCartItemSchema = z
  .strictObject({ quantity: z.number().int().min(0).max(100) }, { error: noClientPrices })
  .meta({ id: 'SetCartItem' });

export const VariantParamsSchema = z.object({ variantId: uuidSchema('variantId') });

export const CartItemSchema = z
  .object({
    variantId: z.string(),
    sku: z.string(),
    productSlug: z.string(),
    name: z.string(),
    options: z.record(z.string(), z.string()),
    quantity: z.number().int(),
    unitPriceMinor: z.number().int(),
    lineTotalMinor: z.number().int(),
    currency: z.string(),
    /** Units that could be bought now; below `quantity` means checkout would fail for this line. */
    saleable: z.number().int(),
  })
  .meta({ id: 'CartItem' });

export const CartSchema = z
  .object({
    id: z.string().nullable(),
    /** For a guest cart: the signed token to send back as `X-Cart-Token` (also set as a cookie). */
    token: z.string().nullable(),
    items: z.array(CartItemSchema),
    itemCount: z.number().int(),
    currency: z.string().nullable(),
    subtotalMinor: z.number().int(),
  })
  .meta({ id: 'Cart' });

export const MergeResultSchema = z
  .object({
    cart: CartSchema,
    capped: z.array(z.object({ variantId: z.string(), requested: z.number().int(), kept: z.number().int() })),
    /** Guest lines the user's cart could not take, and why: another currency, an unpublished product, the total cap. */
    skipped: z.array(
      z.object({
        variantId: z.string(),
        sku: z.string(),
        quantity: z.number().int(),
        reason: z.enum(['currency', 'unpublished', 'total']),
      }),
    ),
  })
  .meta({ id: 'CartMergeResult' });

export type AddCartItem = z.output<typeof AddCartItemSchema>;
export type SetCartItem = z.output<typeof SetCartItemSchema>;
export type Cart = z.output<typeof CartSchema>;
export type CartItem = z.output<typeof CartItemSchema>;
export type MergeResult = z.output<typeof MergeResultSchema>;
