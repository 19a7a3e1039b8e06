/** The payments schema as Kysely sees it (migrations/payments is the source of truth). */
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { MessagingTables } from '../platform/messaging/tables.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

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

export interface PaymentsTable {
  id: Generated<string>;
  order_id: string;
  user_id: string | null;
  email: string;
  amount_minor: number;
  currency: string;
  status: PaymentStatus;
  provider: string;
  provider_payment_id: string | null;
  payment_token_hash: string;
  failure_code: string | null;
  next_action_url: string | null;
  last_event_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PaymentTransitionsTable {
  id: Generated<string>;
  payment_id: string;
  from_status: PaymentStatus;
  to_status: PaymentStatus;
  provider_event_id: string | null;
  created_at: Timestamp;
}

export interface WebhookEventsTable {
  id: string;
  type: string;
  provider_created_at: Date;
  outcome: string;
  received_at: Timestamp;
}

export interface FakeProviderIntentsTable {
  id: string;
  idempotency_key: string;
  amount: number;
  currency: string;
  status: string;
  metadata: ColumnType<Record<string, string>, Record<string, string>, Record<string, string>>;
  created_at: Timestamp;
}

export interface PaymentsDatabase extends MessagingTables {
  payments: PaymentsTable;
  payment_transitions: PaymentTransitionsTable;
  webhook_events: WebhookEventsTable;
  fake_provider_intents: FakeProviderIntentsTable;
}

export type PaymentRow = Selectable<PaymentsTable>;
