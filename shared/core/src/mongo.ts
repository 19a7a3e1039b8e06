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
  /**
   * About the longest a request waits on a MongoDB that does not answer (blackholed, cut or down)
   * before it fails with an error the global handler answers 503; default 2000 ms. See mongoBounds().
   */
  timeoutMs?: number;
  /**
   * How long one connection may stay silent during an operation while the server itself still
   * answers its monitor: a backstop for a single stuck connection, never reached by a slow query of a
   * healthy server in practice. Default 10 s.
   */
  socketTimeoutMs?: number;
}

export const DEFAULT_MONGO_TIMEOUT_MS = 2000;

/**
 * The driver settings that bound every wait on MongoDB to about `timeoutMs`, without cutting a slow
 * query of a server that still answers. A per-operation socket timeout that short would cut such a
 * query, so an unanswering server is found by the driver's monitor instead: it checks the server every
 * `heartbeatFrequencyMS` on a connection of its own and, when a check gets no answer within
 * `connectTimeoutMS`, marks the server unknown and interrupts the operations in flight; a retry then
 * waits at most `serverSelectionTimeoutMS` for a server. Worst case: heartbeat + check + selection,
 * a quarter + a half + a half of `timeoutMs` (measured on a blackholed FerretDB with the default:
 * 2.1-2.4 s for a request already waiting, 1.0 s for one that arrives after the server was marked).
 * Mongoose's own buffering is off, so nothing waits in front of the driver's bounds.
 */
export function mongoBounds(timeoutMs = DEFAULT_MONGO_TIMEOUT_MS, socketTimeoutMs = 10_000) {
  return {
    heartbeatFrequencyMS: Math.max(500, Math.round(timeoutMs / 4)),
    connectTimeoutMS: Math.round(timeoutMs / 2),
    serverSelectionTimeoutMS: Math.round(timeoutMs / 2),
    socketTimeoutMS: Math.max(socketTimeoutMs, timeoutMs),
    bufferCommands: false,
  };
}

const URL_WITH_DATABASE = /^mongodb(\+srv)?:\/\/[^/]+\/[^/?]+/;

/** True when a connection string names its database (`mongodb://host:27017/blog`). */
export function urlNamesDatabase(url: string): boolean {
  return URL_WITH_DATABASE.test(url);
}

/**
 * Opens the service's own connection (never the global mongoose) and waits until it is up, for as
 * long as a request would wait (`timeoutMs`). Indexes are built by the repositories'
 * `ensureIndexes()` at start-up, not by autoIndex on every model.
 */
export async function connectMongo(config: MongoConfig): Promise<Connection> {
  const dbName = config.dbName ?? (urlNamesDatabase(config.url) ? undefined : config.defaultDbName);
  const connection = mongoose.createConnection(config.url, {
    ...(dbName ? { dbName } : {}),
    ...mongoBounds(config.timeoutMs, config.socketTimeoutMs),
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
