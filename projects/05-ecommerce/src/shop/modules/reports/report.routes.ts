/** GET /admin/reports/*: revenue per day, orders by status, top products, low stock, cart conversion. */
import { validate } from '@roadmap/core';
import { Router, type RequestHandler } from 'express';
import { createReportController } from './report.controller.js';
import {
  DateRangeQuerySchema,
  LowStockQuerySchema,
  RevenueQuerySchema,
  TopProductsQuerySchema,
} from './report.schemas.js';
import type { ReportService } from './report.service.js';

export function reportAdminRoutes(reports: ReportService, admin: RequestHandler[]): Router {
  const controller = createReportController(reports);
  const router = Router();
  router.use('/reports', ...admin);
  router.get('/reports/revenue', validate({ query: RevenueQuerySchema }), controller.revenue);
  router.get('/reports/orders-by-status', controller.ordersByStatus);
  router.get('/reports/top-products', validate({ query: TopProductsQuerySchema }), controller.topProducts);
  router.get('/reports/low-stock', validate({ query: LowStockQuerySchema }), controller.lowStock);
  router.get('/reports/conversion', validate({ query: DateRangeQuerySchema }), controller.conversion);
  return router;
}
