/**
 * The notifications schema as Kysely sees it: the outbox and inbox. Its `mail_outbox` table belongs
 * to @roadmap/mail (PgMailStore queries it; migrations/notifications and the shared upgrade create it).
 */
import type { MessagingTables } from '../platform/messaging/tables.js';

export type NotificationsDatabase = MessagingTables;
