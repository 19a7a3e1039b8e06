/**
 * The mail store on PostgreSQL, for a project whose business writes are SQL transactions: record
 * the message inside the same transaction (`store.within(trx).insert(...)`), then, after the
 * commit, `outbox.enqueueSoon(key)`. Works with any Kysely instance or transaction whatever its
 * table types, through raw SQL on the `mail_outbox` table (`MAIL_OUTBOX_SQL` creates it).
 */
import { sql, type QueryExecutorProvider } from 'kysely';
import type { DueQuery, MailStatus, MailStore, OwedMail, StoredMail } from '../mail-store.js';

/** Columns the shared store needs beyond the first `mail_outbox` (which the e-commerce project once created itself). */
export const MAIL_OUTBOX_UPGRADE_SQL = `
ALTER TABLE mail_outbox
  ADD COLUMN IF NOT EXISTS sensitive boolean NOT NULL DEFAULT false,
  ADD COLUMN IF NOT EXISTS generation integer NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS queued_at timestamptz,
  ADD COLUMN IF NOT EXISTS lease_until timestamptz,
  ADD COLUMN IF NOT EXISTS failed_at timestamptz;
`;

/**
 * The table, for a project's migrations: the one definition of `mail_outbox` (the e-commerce project
 * applies it as its notifications schema's first migration). Its first columns are those of the
 * table as first written, which `MAIL_OUTBOX_UPGRADE_SQL` completes where it exists already.
 */
export const MAIL_OUTBOX_SQL = `
CREATE TABLE IF NOT EXISTS mail_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dedupe_key text NOT NULL CONSTRAINT mail_outbox_dedupe_key UNIQUE,
  recipient text NOT NULL,
  subject text NOT NULL,
  text_body text NOT NULL,
  html_body text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  message_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX IF NOT EXISTS mail_outbox_pending_idx ON mail_outbox (created_at) WHERE status = 'pending';
${MAIL_OUTBOX_UPGRADE_SQL}`;

interface Row {
  dedupe_key: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  sensitive: boolean;
  status: MailStatus;
  generation: number;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  queued_at: Date | null;
  lease_until: Date | null;
  sent_at: Date | null;
  failed_at: Date | null;
}

function toStored(row: Row): StoredMail {
  return {
    key: row.dedupe_key,
    to: row.recipient,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body ?? undefined,
    sensitive: row.sensitive,
    status: row.status,
    generation: row.generation,
    attempts: row.attempts,
    lastError: row.last_error ?? undefined,
    recordedAt: row.created_at,
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
      INSERT INTO mail_outbox (dedupe_key, recipient, subject, text_body, html_body, sensitive, status, created_at)
      VALUES (${mail.key}, ${mail.to}, ${mail.subject}, ${mail.text}, ${mail.html ?? null}, ${mail.sensitive === true},
              'pending', ${now})
      ON CONFLICT (dedupe_key) DO NOTHING`.execute(this.db);
    return Number(result.numAffectedRows ?? 0n) === 1;
  }

  async get(key: string): Promise<StoredMail | null> {
    const { rows } = await sql<Row>`SELECT * FROM mail_outbox WHERE dedupe_key = ${key}`.execute(this.db);
    return rows[0] ? toStored(rows[0]) : null;
  }

  async markQueued(key: string, now: Date): Promise<void> {
    await sql`UPDATE mail_outbox SET queued_at = ${now} WHERE dedupe_key = ${key} AND status = 'pending'`.execute(
      this.db,
    );
  }

  async claim(key: string, generation: number, now: Date, leaseUntil: Date): Promise<StoredMail | null> {
    const { rows } = await sql<Row>`
      UPDATE mail_outbox SET lease_until = ${leaseUntil}, attempts = attempts + 1
      WHERE dedupe_key = ${key} AND status = 'pending' AND generation = ${generation}
        AND (lease_until IS NULL OR lease_until <= ${now})
      RETURNING *`.execute(this.db);
    return rows[0] ? toStored(rows[0]) : null;
  }

  async markSent(key: string, generation: number, now: Date, scrub: boolean): Promise<boolean> {
    const result = await sql`
      UPDATE mail_outbox SET status = 'sent', sent_at = ${now}, lease_until = NULL, last_error = NULL,
        text_body = CASE WHEN ${scrub} THEN '[erased after sending]' ELSE text_body END,
        html_body = CASE WHEN ${scrub} THEN NULL ELSE html_body END
      WHERE dedupe_key = ${key} AND status = 'pending' AND generation = ${generation}`.execute(this.db);
    return Number(result.numAffectedRows ?? 0n) === 1;
  }

  async recordFailure(key: string, generation: number, error: string): Promise<void> {
    await sql`
      UPDATE mail_outbox SET last_error = ${error}, lease_until = NULL
      WHERE dedupe_key = ${key} AND status = 'pending' AND generation = ${generation}`.execute(this.db);
  }

  async markFailed(key: string, generation: number, error: string, now: Date): Promise<boolean> {
    const result = await sql`
      UPDATE mail_outbox SET status = 'failed', last_error = ${error}, failed_at = ${now}, lease_until = NULL
      WHERE dedupe_key = ${key} AND status = 'pending' AND generation = ${generation}`.execute(this.db);
    return Number(result.numAffectedRows ?? 0n) === 1;
  }

  async reopen(key: string): Promise<StoredMail | null> {
    const { rows } = await sql<Row>`
      UPDATE mail_outbox SET status = 'pending', generation = generation + 1, attempts = 0, queued_at = NULL,
        failed_at = NULL
      WHERE dedupe_key = ${key} AND status = 'failed'
      RETURNING *`.execute(this.db);
    return rows[0] ? toStored(rows[0]) : null;
  }

  async findDue({ unqueuedBefore, queuedBefore, limit }: DueQuery): Promise<StoredMail[]> {
    const { rows } = await sql<Row>`
      SELECT * FROM mail_outbox
      WHERE status = 'pending'
        AND ((queued_at IS NULL AND created_at <= ${unqueuedBefore}) OR queued_at <= ${queuedBefore})
      ORDER BY created_at LIMIT ${limit}`.execute(this.db);
    return rows.map(toStored);
  }

  async list({ status, limit }: { status?: MailStatus | undefined; limit: number }): Promise<StoredMail[]> {
    const filter = status ? sql`WHERE status = ${status}` : sql``;
    const { rows } = await sql<Row>`
      SELECT * FROM mail_outbox ${filter} ORDER BY created_at DESC LIMIT ${limit}`.execute(this.db);
    return rows.map(toStored);
  }

  async purgeSent(before: Date): Promise<number> {
    const result = await sql`DELETE FROM mail_outbox WHERE status = 'sent' AND sent_at < ${before}`.execute(this.db);
    return Number(result.numAffectedRows ?? 0n);
  }
}
