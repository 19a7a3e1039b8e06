/**
 * Reading one page of a collection the way every project did: the find and the count in parallel,
 * lean documents, a sort from an allow-list with `_id` as tie-breaker.
 */
import type { Types } from 'mongoose';
import { ValidationError } from '../errors.js';
import { pageOffset, toMongoSort, toPage, type Page, type PageRequest, type SortSpec } from '../pagination.js';

export interface FindPageOptions {
  /**
   * The fields a page may be sorted by, each with the stored path it sorts on (e.g. `title` sorts
   * on `titleKey`). A sort on any other field is refused. Without it, the field is the path.
   */
  sortable?: Readonly<Record<string, string>>;
}

/** A document as `.lean()` reads it: the stored fields and the id. */
export type LeanDoc<Raw> = Raw & { _id: Types.ObjectId };

interface PageQuery {
  sort(sort: Record<string, 1 | -1>): PageQuery;
  skip(count: number): PageQuery;
  limit(count: number): PageQuery;
  lean<Result>(): PromiseLike<Result>;
}

export type MongoFilter = Record<string, unknown>;
/** Which fields to read (`{ title: 1 }`) or leave out (`{ body: 0 }`). */
export type MongoProjection = Record<string, 0 | 1>;

/** The two methods of a Mongoose model that a page needs. */
export interface PageableModel {
  find(filter: MongoFilter, projection?: MongoProjection | null): PageQuery;
  countDocuments(filter: MongoFilter): PromiseLike<number>;
}

/**
 * One page of `model`'s documents matching `filter`, as plain (lean) objects, with the total count.
 * `_id` breaks ties in the sort, so consecutive pages never repeat or skip a document. `Doc` is the
 * type of a lean document, e.g. the model's `InferRawDocTypeFromSchema`.
 */
export async function findPage<Doc>(
  model: PageableModel,
  filter: MongoFilter,
  pageRequest: PageRequest,
  sort: SortSpec,
  projection?: MongoProjection,
  { sortable }: FindPageOptions = {},
): Promise<Page<Doc>> {
  const path = sortable ? sortable[sort.field] : sort.field;
  if (path === undefined) {
    throw new ValidationError([
      { field: 'query.sort', message: `sort must be one of: ${Object.keys(sortable ?? {}).join(', ')}` },
    ]);
  }
  const [docs, total] = await Promise.all([
    model
      .find(filter, projection)
      .sort(toMongoSort({ field: path, direction: sort.direction }))
      .skip(pageOffset(pageRequest))
      .limit(pageRequest.limit)
      .lean<Doc[]>(),
    model.countDocuments(filter),
  ]);
  return toPage(docs, pageRequest, total);
}
