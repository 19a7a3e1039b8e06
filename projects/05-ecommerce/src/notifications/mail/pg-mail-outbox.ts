/**
 * Durable email, with the rules of the shared mail path: the email is a row written with the business
 * change, a Bull job (job id = mail id) sends it with long exponential backoff, and the row is marked
 * sent only after the SMTP server accepted the message. The Message-ID is derived from the dedupe key,
 * so if a crash falls between acceptance and marking, the resend carries the same id for the receiver to
 * drop. A periodic sweep re-queues pending emails whose job was lost (Redis down at commit time).
 */
import type { Logger } from '@roadmap/core';
import type Bull from 'bull';
import type { Kysely, Transaction } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { Clock } from '../../platform/clock.js';
import { addWithDeadline, jobOptions, scheduleRepeatable, type RetryPolicy } from '../../platform/jobs.js';
import type { NotificationsDatabase } from '../database.js';
import type { MailPort, OutgoingMail } from './mail-port.js';

export const MAIL_QUEUE = 'notifications-mail';

export type MailJob = { mailId: string } | { sweep: true };

export interface MailOutboxOptions {
  db: Kysely<NotificationsDatabase>;
  queue: Bull.Queue<MailJob>;
  transport: Transporter;
  from: string;
  /** Domain of the Message-ID header. */
  messageIdDomain: string;
  policy: RetryPolicy;
  clock: Clock;
  logger: Logger;
  /** A pending email older than this without a job is re-queued by the sweep. */
  sweepAfterMs?: number;
}

export class PgMailOutbox implements MailPort<NotificationsDatabase> {
  constructor(private readonly options: MailOutboxOptions) {}

  async record(trx: Transaction<NotificationsDatabase>, mail: OutgoingMail) {
    const inserted = await trx
      .insertInto('mail_outbox')
      .values({
        dedupe_key: mail.dedupeKey,
        recipient: mail.to,
        subject: mail.subject,
        text_body: mail.text,
        html_body: mail.html ?? null,
        last_error: null,
        message_id: null,
        sent_at: null,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) return { id: inserted.id, created: true };
    const existing = await trx
      .selectFrom('mail_outbox')
      .select('id')
      .where('dedupe_key', '=', mail.dedupeKey)
      .executeTakeFirstOrThrow();
    return { id: existing.id, created: false };
  }

  async deliver(id: string): Promise<void> {
    await addWithDeadline(this.options.queue, { mailId: id }, jobOptions(this.options.policy, { jobId: id })).catch(
      (err: unknown) => this.options.logger.warn({ err, mailId: id }, 'mail job not queued; the sweep will queue it'),
    );
  }

  /** Starts the worker and the sweep (every `sweepEveryMs`). */
  async start(sweepEveryMs: number): Promise<void> {
    void this.options.queue.process(async (job) => ('mailId' in job.data ? this.send(job.data.mailId) : this.sweep()));
    this.options.queue.on('failed', (job, err) =>
      this.options.logger.warn({ jobId: job.id, attempts: job.attemptsMade, err: err.message }, 'mail job failed'),
    );
    await scheduleRepeatable(this.options.queue, { sweep: true }, sweepEveryMs);
  }

  /** Sends one email unless it was sent already; throws (so Bull retries) when SMTP refuses it. */
  async send(mailId: string): Promise<'sent' | 'already sent' | 'missing'> {
    const { db, transport, from, messageIdDomain } = this.options;
    const mail = await db.selectFrom('mail_outbox').selectAll().where('id', '=', mailId).executeTakeFirst();
    if (!mail) return 'missing';
    if (mail.status === 'sent') return 'already sent';
    try {
      const info = (await transport.sendMail({
        from,
        to: mail.recipient,
        subject: mail.subject,
        text: mail.text_body,
        ...(mail.html_body ? { html: mail.html_body } : {}),
        messageId: `<${mail.dedupe_key.replace(/[^A-Za-z0-9.-]/g, '.')}@${messageIdDomain}>`,
      })) as { messageId?: string };
      await db
        .updateTable('mail_outbox')
        .set((eb) => ({
          status: 'sent',
          sent_at: this.options.clock.now(),
          message_id: info.messageId ?? null,
          attempts: eb('attempts', '+', 1),
          last_error: null,
        }))
        .where('id', '=', mailId)
        .execute();
      return 'sent';
    } catch (err) {
      await db
        .updateTable('mail_outbox')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          last_error: err instanceof Error ? err.message.slice(0, 500) : 'failed',
        }))
        .where('id', '=', mailId)
        .execute();
      throw err;
    }
  }

  /** Re-queues pending emails older than the sweep age (the job id keeps a queued one from doubling). */
  async sweep(): Promise<number> {
    const before = new Date(this.options.clock.now().getTime() - (this.options.sweepAfterMs ?? 60_000));
    const pending = await this.options.db
      .selectFrom('mail_outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where('created_at', '<', before)
      .limit(500)
      .execute();
    for (const row of pending) await this.deliver(row.id);
    return pending.length;
  }
}
