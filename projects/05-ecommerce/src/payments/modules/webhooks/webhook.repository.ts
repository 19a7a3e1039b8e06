/** The only file that queries `webhook_events`: each provider event recorded once, with its outcome. */
import type { Transaction } from 'kysely';
import type { PaymentsDatabase } from '../../database.js';

type Trx = Transaction<PaymentsDatabase>;

export class WebhookRepository {
  /** Records the event as received; false when it was recorded before (a replay). */
  async recordFirst(trx: Trx, event: { id: string; type: string; createdAt: Date }): Promise<boolean> {
    const first = await trx
      .insertInto('webhook_events')
      .values({ id: event.id, type: event.type, provider_created_at: event.createdAt, outcome: 'received' })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return first !== undefined;
  }

  async setOutcome(trx: Trx, id: string, outcome: string): Promise<void> {
    await trx.updateTable('webhook_events').set({ outcome }).where('id', '=', id).execute();
  }
}
