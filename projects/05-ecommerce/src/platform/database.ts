/**
 * One PostgreSQL pool per service, pinned to the service's own schema through `search_path`, behind
 * a typed Kysely instance. Every wait is bounded: getting a connection, each query's answer, each
 * statement on the server, and idle transactions. A lost or silent database is an error of the
 * request (503 through the global handler), never of the process.
 */
import { isDependencyUnavailable, type Logger } from '@roadmap/core';
import {
  Kysely,
  PostgresDialect,
  sql,
  type PostgresCursor,
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresQueryResult,
} from 'kysely';
import { Pool, type PoolClient } from 'pg';

export interface DatabaseOptions {
  url: string;
  /** The service's schema (`shop`, `payments`, `notifications`); unqualified names resolve there. */
  schema: string;
  maxConnections?: number;
  /** Longest wait for a connection: a free one from the pool, or a new one's handshake. */
  connectTimeoutMs?: number;
  /** Longest wait for a query's answer (0: none, for migrations); the connection is then discarded. */
  queryTimeoutMs?: number;
  /** The server's own limit on a statement. */
  statementTimeoutMs?: number;
  /** Where connections lost while idle or checked out are logged. */
  logger?: Logger;
}

export interface Database<DB> {
  db: Kysely<DB>;
  pool: Pool;
  close(): Promise<void>;
}

/** The defaults of DATABASE_CONNECT_TIMEOUT_MS and DATABASE_QUERY_TIMEOUT_MS. */
export const DATABASE_TIMEOUTS = { connectTimeoutMs: 2_000, queryTimeoutMs: 2_000 };

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

const NOT_QUERYABLE = 'Client has encountered a connection error and is not queryable';

/**
 * A checked-out client as Kysely sees it. pg answers a query's read timeout but leaves the connection
 * waiting for that answer, so the next query (the transaction's rollback, or the next caller's) would
 * queue behind it: once a query failed for want of the server, this client refuses further queries at
 * once and is destroyed at release rather than handed back to the pool.
 */
class GuardedClient implements PostgresPoolClient {
  private broken = false;

  constructor(private readonly client: PoolClient) {}

  query<R>(sqlText: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    statement: string | PostgresCursor<R>,
    parameters: ReadonlyArray<unknown> = [],
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    // No dialect here is given a cursor constructor, so Kysely never passes one.
    if (typeof statement !== 'string') throw new Error('cursors are not used with this pool');
    if (this.broken) return Promise.reject(new Error(NOT_QUERYABLE));
    return this.client.query(statement, [...parameters]).then(
      (result) => result as unknown as PostgresQueryResult<R>,
      (err: unknown) => {
        if (isDependencyUnavailable(err)) this.broken = true;
        throw err;
      },
    );
  }

  release(destroy?: boolean): void {
    this.client.release(destroy === true || this.broken);
  }
}

class GuardedPool implements PostgresPool {
  constructor(private readonly pool: Pool) {}

  async connect(): Promise<PostgresPoolClient> {
    return new GuardedClient(await this.pool.connect());
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

/** The pool behind each Kysely instance made here (the outbox listener connects with its settings). */
const pools = new WeakMap<object, Pool>();

/** The pool behind `db` when `createDatabase` made it. */
export function poolOf(db: object): Pool | undefined {
  return pools.get(db);
}

export function createDatabase<DB>(options: DatabaseOptions): Database<DB> {
  if (!SCHEMA_NAME.test(options.schema)) throw new Error(`invalid schema name "${options.schema}"`);
  const statementTimeout = options.statementTimeoutMs ?? 10_000;
  const queryTimeoutMs = options.queryTimeoutMs ?? DATABASE_TIMEOUTS.queryTimeoutMs;
  const pool = new Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DATABASE_TIMEOUTS.connectTimeoutMs,
    ...(queryTimeoutMs > 0 ? { query_timeout: queryTimeoutMs } : {}),
    options: `-c search_path=${options.schema} -c statement_timeout=${statementTimeout} -c idle_in_transaction_session_timeout=30000`,
  });
  const log = options.logger?.child({ component: 'postgres', schema: options.schema });
  const lost = (err: Error) => log?.warn({ err: err.message }, 'postgres connection lost');
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', lost);
  // pg-pool takes its own listener off a client while it is checked out (inside a transaction, or
  // between a query and its release): without one of ours, the connection dropping then would be an
  // unhandled 'error' event, an uncaught exception that ends the process.
  pool.on('connect', (client) => client.on('error', lost));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new GuardedPool(pool) }) });
  pools.set(db, pool);
  return { db, pool, close: () => db.destroy() };
}

/** Readiness: one round trip to PostgreSQL. */
export function databaseReadiness<DB>(db: Kysely<DB>): () => Promise<unknown> {
  return () => sql`select 1`.execute(db);
}

/** PostgreSQL's unique_violation, optionally on a named constraint. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

/** PostgreSQL's foreign_key_violation. */
export function isForeignKeyViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23503';
}
