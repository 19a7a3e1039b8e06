/**
 * One PostgreSQL pool per service, pinned to the service's own schema through `search_path`, behind
 * a typed Kysely instance. Every wait is bounded: connecting, each statement, and idle transactions.
 */
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool } from 'pg';

export interface DatabaseOptions {
  url: string;
  /** The service's schema (`shop`, `payments`, `notifications`); unqualified names resolve there. */
  schema: string;
  maxConnections?: number;
  statementTimeoutMs?: number;
}

export interface Database<DB> {
  db: Kysely<DB>;
  pool: Pool;
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

export function createDatabase<DB>(options: DatabaseOptions): Database<DB> {
  if (!SCHEMA_NAME.test(options.schema)) throw new Error(`invalid schema name "${options.schema}"`);
  const statementTimeout = options.statementTimeoutMs ?? 10_000;
  const pool = new Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 5_000,
    options: `-c search_path=${options.schema} -c statement_timeout=${statementTimeout} -c idle_in_transaction_session_timeout=30000`,
  });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
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
