/** The report paths in the OpenAPI document. */
import { jsonResponse, type OpenAPIRegistry, type SecurityRequirement } from '@roadmap/core';
import type { z } from 'zod';
import { errorResponses } from '../../../platform/openapi.js';
import {
  ConversionReportSchema,
  DateRangeQuerySchema,
  LowStockQuerySchema,
  LowStockReportSchema,
  OrdersByStatusReportSchema,
  RevenueQuerySchema,
  RevenueReportSchema,
  TopProductsQuerySchema,
  TopProductsReportSchema,
} from './report.schemas.js';

export function registerReportPaths(registry: OpenAPIRegistry, base: string, security: SecurityRequirement): void {
  const report = (path: string, summary: string, schema: z.ZodType, query?: z.ZodObject) =>
    registry.registerPath({
      method: 'get',
      path: `${base}/admin/reports/${path}`,
      tags: ['admin: reports'],
      security,
      summary,
      ...(query ? { request: { query } } : {}),
      responses: {
        200: jsonResponse('The report.', schema),
        // A date range (from, to) can be well-formed and still the wrong way round or too long: 422.
        ...errorResponses(...(query ? [400] : []), ...(query && 'from' in query.shape ? [422] : []), 401, 403, 429),
      },
    });
  report(
    'revenue',
    'Paid orders and revenue per UTC day in a range (the last 30 days by default)',
    RevenueReportSchema,
    RevenueQuerySchema,
  );
  report('orders-by-status', 'How many orders are in each status', OrdersByStatusReportSchema);
  report(
    'top-products',
    'Products by units sold or revenue, from paid orders in a range',
    TopProductsReportSchema,
    TopProductsQuerySchema,
  );
  report(
    'low-stock',
    'Variants whose saleable stock is at or below a threshold',
    LowStockReportSchema,
    LowStockQuerySchema,
  );
  report(
    'conversion',
    'Carts created in a range, and how many became an order and a paid order',
    ConversionReportSchema,
    DateRangeQuerySchema,
  );
}
