/**
 * The notifications schema as Kysely sees it: the outbox and inbox, and `mail_outbox`, which
 * @roadmap/mail owns (PgMailStore queries it; its migrations are the package's SQL). The tables are
 * generated from the migrations (`database.generated.ts`, `pnpm db:types`).
 */
import type { MessagingTables } from '../platform/messaging/tables.js';
import type { DB } from './database.generated.js';

export interface NotificationsDatabase extends DB, MessagingTables {}
