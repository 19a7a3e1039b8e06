/** The notifications schema as Kysely sees it (migrations/notifications is the source of truth). */
import type { ColumnType, Generated } from 'kysely';
import type { MessagingTables } from '../platform/messaging/tables.js';

export interface MailOutboxTable {
  id: Generated<string>;
  dedupe_key: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: Generated<'pending' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  message_id: string | null;
  created_at: ColumnType<Date, Date | undefined, Date>;
  sent_at: Date | null;
}

export interface NotificationsDatabase extends MessagingTables {
  mail_outbox: MailOutboxTable;
}
