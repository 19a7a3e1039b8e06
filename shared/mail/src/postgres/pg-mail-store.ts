/**
 * The mail store on PostgreSQL, for a project whose business writes are SQL transactions: record
 * the message inside the same transaction (`store.within(trx).insert(...)`), then, after the
 * commit, `outbox.enqueueSoon(key)`. Works with any Kysely instance or transaction whatever its
 * table types, through raw SQL on the `mail_outbox` table (`MAIL_OUTBOX_SQL` creates it).
 */
import { sql, type QueryExecutorProvider } from 'kysely';
import type { DueQuery, MailStatus, MailStore, OwedMail, StoredMail } from '../mail-store.js';

/** The table, for the project's migrations. */
export const MAIL_OUTBOX_SQL = `
CREATE TABLE IF NOT EXISTS mail_outbox (
  key text PRIMARY KEY,
  to_address text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text,
  sensitive boolean NOT NULL DEFAULT false,
  status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  generation integer NOT NULL DEFAULT 0,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  recorded_at timestamptz NOT NULL,
  queued_at timestamptz,
  lease_until timestamptz,
  sent_at timestamptz,
  failed_at timestamptz
);
CREATE INDEX IF NOT EXISTS mail_outbox_pending ON mail_outbox (recorded_at) WHERE status = 'pending';
`;

interface Row {
  key: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  sensitive: boolean;
  status: MailStatus;
  generation: number;
  attempts: number;
  last_error: string | null;
  recorded_at: Date;
  queued_at: Date | null;
  lease_until: Date | null;
  sent_at: Date | null;
  failed_at: Date | null;
}

function toStored(row: Row): StoredMail {
  return {
    key: row.key,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body ?? undefined,
    sensitive: row.sensitive,
    status: row.status,
    generation: row.generation,
    attempts: row.attempts,
    lastError: row.last_error ?? undefined,
    recordedAt: row.recorded_at,
    queuedAt: row.queued_at ?? undefined,
    leaseUntil: row.lease_until ?? undefined,
    sentAt: row.sent_at ?? undefined,
    failedAt: row.failed_at ?? undefined,
  };
}

export class PgMailStore implements MailStore {
  constructor(private readonly db: QueryExecutorProvider) {}

  /** The same store on a transaction, so the message commits (or rolls back) with the business write. */
  within(trx: QueryExecutorProvider): PgMailStore {
    return new PgMailStore(trx);
  }

  async insert(mail: OwedMail, now: Date): Promise<boolean> {
    const result = await sql`
      INSERT INTO mail_outbox (key, to_address, subject, text_body, html_body, sensitive, status, recorded_at)
      VALUES (${mail.key}, ${mail.to}, ${mail.subject}, ${mail.text}, ${mail.html ?? null}, ${mail.sensitive === true},
              'pending', ${now})
      ON CONFLICT (key) DO NOTHING`.execute(this.db);
    return Number(result.numAffectedRows ?? 0n) === 1;
  }

  async get(key: string): Promise<StoredMail | null> {
    const { rows } = await sql<Row>`SELECT * FROM mail_outbox WHERE key = ${key}`.execute(this.db);
    return rows[0] ? toStored(rows[0]) : null;
  }

  async markQueued(key: string, now: Date): Promise<void> {
    await sql`UPDATE mail_outbox SET queued_at = ${now} WHERE key = ${key} AND status = 'pending'`.execute(this.db);
  }

  async claim(key: string, generation: number, now: Date, leaseUntil: Date): Promise<StoredMail | null> {
    const { rows } = await sql<Row>`
      UPDATE mail_outbox SET lease_until = ${leaseUntil}, attempts = attempts + 1
      WHERE key = ${key} AND status = 'pending' AND generation = ${generation}
        AND (lease_until IS NULL OR lease_until <= ${now})
      RETURNING *`.execute(this.db);
    return rows[0] ? toStored(rows[0]) : null;
  }

  async markSent(key: string, generation: number, now: Date, scrub: boolean): Promise<boolean> {
    const result = await sql`
      UPDATE mail_outbox SET status = 'sent', sent_at = ${now}, lease_until = NULL, last_error = NULL,
        text_body = CASE WHEN ${scrub} THEN '[erased after sending]' ELSE text_body END,
        html_body = CASE WHEN ${scrub} THEN NULL ELSE html_body END
      WHERE key = ${key} AND status = 'pending' AND generation = ${generation}`.execute(this.db);
    return Number(result.numAffectedRows ?? 0n) === 1;
  }

  async recordFailure(key: string, generation: number, error: string): Promise<void> {
    await sql`
      UPDATE mail_outbox SET last_error = ${error}, lease_until = NULL
      WHERE key = ${key} AND status = 'pending' AND generation = ${generation}`.execute(this.db);
  }

  async markFailed(key: string, generation: number, error: string, now: Date): Promise<boolean> {
    const result = await sql`
      UPDATE mail_outbox SET status = 'failed', last_error = ${error}, failed_at = ${now}, lease_until = NULL
      WHERE key = ${key} AND status = 'pending' AND generation = ${generation}`.execute(this.db);
    return Number(result.numAffectedRows ?? 0n) === 1;
  }

  async reopen(key: string): Promise<StoredMail | null> {
    const { rows } = await sql<Row>`
      UPDATE mail_outbox SET status = 'pending', generation = generation + 1, attempts = 0, queued_at = NULL,
        failed_at = NULL
      WHERE key = ${key} AND status = 'failed'
      RETURNING *`.execute(this.db);
    return rows[0] ? toStored(rows[0]) : null;
  }

  async findDue({ unqueuedBefore, queuedBefore, limit }: DueQuery): Promise<StoredMail[]> {
    const { rows } = await sql<Row>`
      SELECT * FROM mail_outbox
      WHERE status = 'pending'
        AND ((queued_at IS NULL AND recorded_at <= ${unqueuedBefore}) OR queued_at <= ${queuedBefore})
      ORDER BY recorded_at LIMIT ${limit}`.execute(this.db);
    return rows.map(toStored);
  }

  async list({ status, limit }: { status?: MailStatus | undefined; limit: number }): Promise<StoredMail[]> {
    const filter = status ? sql`WHERE status = ${status}` : sql``;
    const { rows } = await sql<Row>`
      SELECT * FROM mail_outbox ${filter} ORDER BY recorded_at DESC LIMIT ${limit}`.execute(this.db);
    return rows.map(toStored);
  }

  async purgeSent(before: Date): Promise<number> {
    const result = await sql`DELETE FROM mail_outbox WHERE status = 'sent' AND sent_at < ${before}`.execute(this.db);
    return Number(result.numAffectedRows ?? 0n);
  }
}
