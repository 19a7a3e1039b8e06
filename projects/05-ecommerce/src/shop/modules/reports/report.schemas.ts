import { queryInteger } from '@roadmap/core';
import { z } from 'zod';
import { OrderStatusSchema } from '../../../contracts/events.js';

const day = z.iso.date().meta({ description: 'A UTC day, YYYY-MM-DD.', example: '2030-01-31' });

/** A range of UTC days, both ends included; the last 30 days when left out. */
export const DateRangeQuerySchema = z.object({
  from: day
    .optional()
    .meta({ description: 'A UTC day, YYYY-MM-DD; not after `to`, at most 366 days before it (422 otherwise).' }),
  to: day.optional(),
});

export const RevenueQuerySchema = DateRangeQuerySchema.extend({
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR')
    .default('EUR'),
});

export const TopProductsQuerySchema = DateRangeQuerySchema.extend({
  by: z.enum(['units', 'revenue']).default('units'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const LowStockQuerySchema = z.object({
  /** Saleable units (on hand - reserved) at or below which a variant is listed; the shop's threshold by default. */
  threshold: queryInteger({ min: 0, max: 100_000 }).optional(),
});

export const RevenueReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    currency: z.string(),
    data: z.array(z.object({ date: z.string(), orders: z.number().int(), revenueMinor: z.number().int() })),
  })
  .meta({ id: 'RevenueReport', description: 'Paid orders (not refunded or cancelled) by the UTC day they were paid.' });

export const OrdersByStatusReportSchema = z
  .object({ total: z.number().int(), data: z.array(z.object({ status: OrderStatusSchema, count: z.number().int() })) })
  .meta({ id: 'OrdersByStatusReport' });

export const TopProductsReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    by: z.enum(['units', 'revenue']),
    data: z.array(
      z.object({
        productId: z.string(),
        name: z.string(),
        currency: z.string(),
        units: z.number().int(),
        revenueMinor: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'TopProductsReport', description: 'Units and revenue of paid orders placed in the range.' });

export const LowStockReportSchema = z
  .object({
    threshold: z.number().int(),
    data: z.array(
      z.object({
        variantId: z.string(),
        sku: z.string(),
        productId: z.string(),
        productName: z.string(),
        onHand: z.number().int(),
        reserved: z.number().int(),
        saleable: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'LowStockReport' });

export const ConversionReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    carts: z.number().int().meta({ description: 'Carts (guest and signed-in) created in the range.' }),
    convertedCarts: z.number().int().meta({ description: 'Of those, carts an order was placed from.' }),
    paidOrders: z.number().int().meta({ description: 'Orders from those carts that were paid.' }),
    cartToOrderRate: z.number().meta({ description: 'convertedCarts / carts, 0 to 1.' }),
    cartToPaidRate: z.number().meta({ description: 'paidOrders / carts, 0 to 1.' }),
  })
  .meta({ id: 'ConversionReport' });

export type DateRangeQuery = z.output<typeof DateRangeQuerySchema>;
export type RevenueQuery = z.output<typeof RevenueQuerySchema>;
export type TopProductsQuery = z.output<typeof TopProductsQuerySchema>;
export type LowStockQuery = z.output<typeof LowStockQuerySchema>;
export type RevenueReport = z.output<typeof RevenueReportSchema>;
export type OrdersByStatusReport = z.output<typeof OrdersByStatusReportSchema>;
export type TopProductsReport = z.output<typeof TopProductsReportSchema>;
export type LowStockReport = z.output<typeof LowStockReportSchema>;
export type ConversionReport = z.output<typeof ConversionReportSchema>;
