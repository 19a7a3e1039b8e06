/** The only file that queries payments and their transitions. */
import type { Kysely, Transaction } from 'kysely';
import type { PaymentRow, PaymentStatus, PaymentsDatabase } from '../../database.js';

type Db = Kysely<PaymentsDatabase> | Transaction<PaymentsDatabase>;

export class PaymentRepository {
  constructor(private readonly db: Kysely<PaymentsDatabase>) {}

  async byId(id: string, db: Db = this.db, lock = false): Promise<PaymentRow | undefined> {
    let query = db.selectFrom('payments').selectAll().where('id', '=', id);
    if (lock) query = query.forUpdate();
    return query.executeTakeFirst();
  }

  async byOrder(orderId: string, db: Db = this.db, lock = false): Promise<PaymentRow | undefined> {
    let query = db.selectFrom('payments').selectAll().where('order_id', '=', orderId);
    if (lock) query = query.forUpdate();
    return query.executeTakeFirst();
  }

  async byProviderId(provider: string, providerPaymentId: string, trx: Transaction<PaymentsDatabase>) {
    return trx
      .selectFrom('payments')
      .selectAll()
      .where('provider', '=', provider)
      .where('provider_payment_id', '=', providerPaymentId)
      .forUpdate()
      .executeTakeFirst();
  }

  async insert(
    trx: Transaction<PaymentsDatabase>,
    values: Omit<
      PaymentRow,
      'id' | 'created_at' | 'updated_at' | 'last_event_at' | 'failure_code' | 'next_action_url'
    > & { next_action_url: string | null },
  ) {
    return trx.insertInto('payments').values(values).returningAll().executeTakeFirstOrThrow();
  }

  /** Changes the status and records the transition with the provider event that caused it. */
  async transition(
    db: Db,
    payment: PaymentRow,
    to: PaymentStatus,
    details: {
      eventId: string | null;
      eventAt: Date | null;
      failureCode?: string | null;
      nextActionUrl?: string | null;
    },
  ): Promise<PaymentRow> {
    const row = await db
      .updateTable('payments')
      .set({
        status: to,
        updated_at: new Date(),
        ...(details.eventAt ? { last_event_at: details.eventAt } : {}),
        ...(details.failureCode !== undefined ? { failure_code: details.failureCode } : {}),
        ...(details.nextActionUrl !== undefined ? { next_action_url: details.nextActionUrl } : {}),
      })
      .where('id', '=', payment.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await db
      .insertInto('payment_transitions')
      .values({
        payment_id: payment.id,
        from_status: payment.status,
        to_status: to,
        provider_event_id: details.eventId,
      })
      .execute();
    return row;
  }

  /** Whether the payment was ever declined (failed), whatever it is now. */
  async hasFailed(paymentId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('payment_transitions')
      .select('id')
      .where('payment_id', '=', paymentId)
      .where('to_status', '=', 'failed')
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async transitions(paymentId: string) {
    return this.db
      .selectFrom('payment_transitions')
      .selectAll()
      .where('payment_id', '=', paymentId)
      .orderBy('id')
      .execute();
  }
}
