/** HTTP <-> ReportService: each report answered as computed. */
import type { Request, Response } from 'express';
import type { DateRangeQuery, LowStockQuery, RevenueQuery, TopProductsQuery } from './report.schemas.js';
import type { ReportService } from './report.service.js';

type Query<Q> = Request<Record<string, string>, unknown, unknown, Q>;

export function createReportController(reports: ReportService) {
  return {
    async revenue(req: Query<RevenueQuery>, res: Response) {
      res.json(await reports.revenue(req.query));
    },
    async ordersByStatus(_req: Request, res: Response) {
      res.json(await reports.ordersByStatus());
    },
    async topProducts(req: Query<TopProductsQuery>, res: Response) {
      res.json(await reports.topProducts(req.query));
    },
    async lowStock(req: Query<LowStockQuery>, res: Response) {
      res.json(await reports.lowStock(req.query));
    },
    async conversion(req: Query<DateRangeQuery>, res: Response) {
      res.json(await reports.conversion(req.query));
    },
  };
}
