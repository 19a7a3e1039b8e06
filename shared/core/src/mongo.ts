/**
 * The MongoDB pieces every project wrote the same way: opening its connection, and reading one page
 * of a collection (the find and the count in parallel, lean documents, a sort from an allow-list).
 */
import mongoose, { type Connection, type Types } from 'mongoose';
import { ValidationError } from './errors.js';
import { pageOffset, toMongoSort, toPage, type Page, type PageRequest, type SortSpec } from './pagination.js';

export interface MongoConfig {
  url: string;
  /** The database to use when the URL names none (`mongodb://host:27017`); a database in the URL wins. */
  defaultDbName?: string;
  /** The database to use whatever the URL says (tests: one per file). */
  dbName?: string;
  /** How long to look for a server before a query fails (and, at start-up, before giving up). */
  serverSelectionTimeoutMs?: number;
  /**
   * How long a connection may stay silent during an operation, and how long connecting may take.
   * The driver's defaults (none, 30 s) let a request hang for a minute or more on a server that
   * accepts connections and never answers; these bound it to about 20 s.
   */
  socketTimeoutMs?: number;
  connectTimeoutMs?: number;
}

const URL_WITH_DATABASE = /^mongodb(\+srv)?:\/\/[^/]+\/[^/?]+/;

/** True when a connection string names its database (`mongodb://host:27017/blog`). */
export function urlNamesDatabase(url: string): boolean {
  return URL_WITH_DATABASE.test(url);
}

/**
 * Opens the service's own connection (never the global mongoose) and waits until it is up. Indexes
 * are built by the repositories' `ensureIndexes()` at start-up, not by autoIndex on every model.
 */
export async function connectMongo(config: MongoConfig): Promise<Connection> {
  const dbName = config.dbName ?? (urlNamesDatabase(config.url) ? undefined : config.defaultDbName);
  const connection = mongoose.createConnection(config.url, {
    ...(dbName ? { dbName } : {}),
    serverSelectionTimeoutMS: config.serverSelectionTimeoutMs ?? 5000,
    socketTimeoutMS: config.socketTimeoutMs ?? 10_000,
    connectTimeoutMS: config.connectTimeoutMs ?? 5000,
    autoIndex: false,
  });
  await connection.asPromise();
  return connection;
}

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

/** The same page with each item mapped, e.g. from stored documents to their API shape. */
export function mapPage<T, U>(page: Page<T>, map: (item: T) => U): Page<U> {
  return { ...page, data: page.data.map(map) };
}
