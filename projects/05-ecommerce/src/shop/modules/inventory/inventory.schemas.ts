import { nonBlank, uuidSchema } from '@roadmap/core';
import { z } from 'zod';

export const StockAdjustmentInputSchema = z
  .strictObject({
    delta: z
      .number()
      .int()
      .min(-1_000_000)
      .max(1_000_000)
      .refine((n) => n !== 0, 'must not be 0')
      .meta({
        description: 'Units added (positive) or removed (negative) from on-hand stock.',
        not: { const: 0 },
        example: 12,
      }),
    reason: nonBlank(z.string().trim().min(3).max(200)).meta({ example: 'Delivery from supplier' }),
  })
  .meta({ id: 'StockAdjustmentInput' });

export const StockLevelSchema = z
  .object({
    variantId: z.string(),
    sku: z.string(),
    onHand: z.number().int(),
    reserved: z.number().int(),
    saleable: z.number().int(),
  })
  .meta({ id: 'StockLevel' });

export const StockAdjustmentSchema = z
  .object({
    id: z.string(),
    delta: z.number().int(),
    onHandAfter: z.number().int(),
    reason: z.string(),
    actorId: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'StockAdjustment' });

export const StockAdjustmentListSchema = z
  .object({ data: z.array(StockAdjustmentSchema) })
  .meta({ id: 'StockAdjustmentList' });

export type StockAdjustmentInput = z.output<typeof StockAdjustmentInputSchema>;
export type StockLevelView = z.output<typeof StockLevelSchema>;
export type StockAdjustment = z.output<typeof StockAdjustmentSchema>;

export const VariantIdParamsSchema = z.object({ id: uuidSchema('id') });
