/** The admin reports: resolves the day range (the last 30 UTC days by default, at most 366) and asks SQL. */
import { FieldRuleError } from '@roadmap/core';
import type { Clock } from '../../../platform/clock.js';
import type { DayRange, ReportRepository } from './report.repository.js';
import type {
  ConversionReport,
  DateRangeQuery,
  LowStockQuery,
  LowStockReport,
  OrdersByStatusReport,
  RevenueQuery,
  RevenueReport,
  TopProductsQuery,
  TopProductsReport,
} from './report.schemas.js';

const DAY_MS = 86_400_000;
export const DEFAULT_RANGE_DAYS = 30;
export const MAX_RANGE_DAYS = 366;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** `from`..`to` (UTC days, both included) from the query, defaulting to the 30 days up to today. */
export function dayRange(query: DateRangeQuery, now: Date): DayRange {
  const to = query.to ?? isoDay(now);
  const from = query.from ?? isoDay(new Date(Date.parse(to) - (DEFAULT_RANGE_DAYS - 1) * DAY_MS));
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  if (days < 1) throw new FieldRuleError([{ field: 'query.from', message: 'must not be after to' }]);
  if (days > MAX_RANGE_DAYS) {
    throw new FieldRuleError([{ field: 'query.from', message: `the range may span at most ${MAX_RANGE_DAYS} days` }]);
  }
  return { from, to };
}

export interface ReportServiceDeps {
  reports: ReportRepository;
  clock: Clock;
  lowStockThreshold: number;
}

export class ReportService {
  private readonly reports: ReportRepository;
  private readonly clock: Clock;
  private readonly lowStockThreshold: number;

  constructor(deps: ReportServiceDeps) {
    this.reports = deps.reports;
    this.clock = deps.clock;
    this.lowStockThreshold = deps.lowStockThreshold;
  }

  async revenue(query: RevenueQuery): Promise<RevenueReport> {
    const range = dayRange(query, this.clock.now());
    return { ...range, currency: query.currency, data: await this.reports.revenueByDay(range, query.currency) };
  }

  async ordersByStatus(): Promise<OrdersByStatusReport> {
    const data = await this.reports.ordersByStatus();
    return { total: data.reduce((sum, row) => sum + row.count, 0), data };
  }

  async topProducts(query: TopProductsQuery): Promise<TopProductsReport> {
    const range = dayRange(query, this.clock.now());
    return { ...range, by: query.by, data: await this.reports.topProducts(range, query.by, query.limit) };
  }

  async lowStock(query: LowStockQuery): Promise<LowStockReport> {
    const threshold = query.threshold ?? this.lowStockThreshold;
    return { threshold, data: await this.reports.lowStock(threshold) };
  }

  async conversion(query: DateRangeQuery): Promise<ConversionReport> {
    const range = dayRange(query, this.clock.now());
    return { ...range, ...(await this.reports.conversion(range)) };
  }
}
