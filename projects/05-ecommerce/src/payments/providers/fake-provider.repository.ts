/** The only file that queries `fake_provider_intents`, the fake provider's own record of its intents. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { FakeProviderIntentsTable, PaymentsDatabase } from '../database.js';

export type FakeIntentRow = Selectable<FakeProviderIntentsTable>;

export class FakeIntentRepository {
  constructor(private readonly db: Kysely<PaymentsDatabase>) {}

  /** Creates the intent unless one exists for its idempotency key; answers the one that does. */
  async createOnce(intent: Insertable<FakeProviderIntentsTable>): Promise<FakeIntentRow> {
    await this.db
      .insertInto('fake_provider_intents')
      .values(intent)
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .execute();
    return this.db
      .selectFrom('fake_provider_intents')
      .selectAll()
      .where('idempotency_key', '=', intent.idempotency_key)
      .executeTakeFirstOrThrow();
  }

  async find(id: string): Promise<FakeIntentRow | undefined> {
    return this.db.selectFrom('fake_provider_intents').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async setStatus(id: string, status: string): Promise<FakeIntentRow> {
    return this.db
      .updateTable('fake_provider_intents')
      .set({ status })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
}
