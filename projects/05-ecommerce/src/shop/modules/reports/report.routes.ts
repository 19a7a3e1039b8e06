/** GET /admin/reports/*: revenue per day, orders by status, top products, low stock, cart conversion. */
import { validate } from '@roadmap/core';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import {
  DateRangeQuerySchema,
  LowStockQuerySchema,
  RevenueQuerySchema,
  TopProductsQuerySchema,
  type DateRangeQuery,
  type LowStockQuery,
  type RevenueQuery,
  type TopProductsQuery,
} from './report.schemas.js';
import type { ReportService } from './report.service.js';

type Query<Q> = Request<Record<string, string>, unknown, unknown, Q>;

export function reportAdminRoutes(reports: ReportService, admin: RequestHandler[]): Router {
  const router = Router();
  router.use('/reports', ...admin);
  router.get(
    '/reports/revenue',
    validate({ query: RevenueQuerySchema }),
    async (req: Query<RevenueQuery>, res: Response) => {
      res.json(await reports.revenue(req.query));
    },
  );
  router.get('/reports/orders-by-status', async (_req: Request, res: Response) => {
    res.json(await reports.ordersByStatus());
  });
  router.get(
    '/reports/top-products',
    validate({ query: TopProductsQuerySchema }),
    async (req: Query<TopProductsQuery>, res: Response) => {
      res.json(await reports.topProducts(req.query));
    },
  );
  router.get(
    '/reports/low-stock',
    validate({ query: LowStockQuerySchema }),
    async (req: Query<LowStockQuery>, res: Response) => {
      res.json(await reports.lowStock(req.query));
    },
  );
  router.get(
    '/reports/conversion',
    validate({ query: DateRangeQuerySchema }),
    async (req: Query<DateRangeQuery>, res: Response) => {
      res.json(await reports.conversion(req.query));
    },
  );
  return router;
}
