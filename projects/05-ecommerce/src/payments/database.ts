/**
 * The payments schema as Kysely sees it. The tables are generated from the migrations
 * (`database.generated.ts`, `pnpm db:types`); this file names the types of the columns the database
 * types loosely, which db-types.ts maps them to.
 */
import type { ColumnType, Selectable } from 'kysely';
import type { MessagingTables } from '../platform/messaging/tables.js';
import type { DB } from './database.generated.js';

/** A `jsonb` column read and written as `T`. */
export type JsonColumn<T> = ColumnType<T, T, T>;

export const PAYMENT_STATUSES = [
  'requires_payment_method',
  'requires_action',
  'processing',
  'succeeded',
  'failed',
  'canceled',
  'refunded',
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export interface PaymentsDatabase extends DB, MessagingTables {}

export type FakeProviderIntentsTable = DB['fake_provider_intents'];

export type PaymentRow = Selectable<PaymentsDatabase['payments']>;
