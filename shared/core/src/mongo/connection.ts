/**
 * Opening a project's MongoDB connection the way every project did: its own connection, every wait
 * bounded, indexes built by the repositories rather than by autoIndex.
 */
import mongoose, { type Connection } from 'mongoose';

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
