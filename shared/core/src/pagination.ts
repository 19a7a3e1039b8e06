/**
 * Page, limit and sort query parameters, and the `{ data, page, limit, total, totalPages }` envelope
 * every list endpoint answers with.
 */
import { z } from 'zod';

export type SortDirection = 'asc' | 'desc';

export interface SortSpec<F extends string = string> {
  field: F;
  direction: SortDirection;
}

export interface PageRequest {
  page: number;
  limit: number;
}

export interface Page<T> {
  data: T[];
  page: number;
  limit: number;
  total: number;
  totalPages: number;
}

export interface PaginationOptions<F extends string> {
  /** Fields a client may sort by. `sort=title` is ascending, `sort=-title` descending. */
  sortable: readonly [F, ...F[]];
  /** E.g. `-createdAt`. */
  defaultSort: F | `-${F}`;
  defaultLimit?: number;
  maxLimit?: number;
}

export const DEFAULT_MAX_LIMIT = 100;

/**
 * The zod shape of `page`, `limit` and `sort`, to spread into a list endpoint's query schema
 * next to its own filters.
 */
export function paginationShape<F extends string>(options: PaginationOptions<F>) {
  const maxLimit = options.maxLimit ?? DEFAULT_MAX_LIMIT;
  const sortValues = options.sortable.flatMap((field) => [field, `-${field}`]) as [string, ...string[]];
  return {
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(maxLimit, { message: `limit must be at most ${maxLimit}` })
      .default(options.defaultLimit ?? 20),
    sort: z
      .enum(sortValues, { message: `sort must be one of: ${sortValues.join(', ')}` })
      .default(options.defaultSort)
      .transform((value): SortSpec<F> => parseSort<F>(value)),
  };
}

export function parseSort<F extends string>(value: string): SortSpec<F> {
  return value.startsWith('-')
    ? { field: value.slice(1) as F, direction: 'desc' }
    : { field: value as F, direction: 'asc' };
}

export function pageOffset({ page, limit }: PageRequest): number {
  return (page - 1) * limit;
}

export function toPage<T>(data: T[], request: PageRequest, total: number): Page<T> {
  return {
    data,
    page: request.page,
    limit: request.limit,
    total,
    totalPages: total === 0 ? 0 : Math.ceil(total / request.limit),
  };
}

/** A MongoDB sort document with `_id` as tie-breaker so pages never repeat or skip a document. */
export function toMongoSort(sort: SortSpec): Record<string, 1 | -1> {
  const order = sort.direction === 'asc' ? 1 : -1;
  return sort.field === '_id' ? { _id: order } : { [sort.field]: order, _id: order };
}

/** The same page with each item mapped, e.g. from stored documents to their API shape. */
export function mapPage<T, U>(page: Page<T>, map: (item: T) => U): Page<U> {
  return { ...page, data: page.data.map(map) };
}

/** Escapes a user's search text for use inside a RegExp (e.g. a MongoDB `$regex` search). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A boolean query parameter: accepts true/false/1/0 (zod's coerce would take "false" as true). */
export const queryBoolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** The OpenAPI/zod schema of a page envelope around `item`. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    page: z.number().int(),
    limit: z.number().int(),
    total: z.number().int(),
    totalPages: z.number().int(),
  });
}
