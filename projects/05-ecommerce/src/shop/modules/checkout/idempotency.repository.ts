/** The only file that queries `idempotency_keys`: each checkout's key with the answer to replay. */
import type { Transaction } from 'kysely';
import type { ShopDatabase } from '../../database.js';
import type { PlacedOrder } from './checkout.schemas.js';

export interface StoredCheckout {
  request_hash: string;
  response: PlacedOrder;
}

export class IdempotencyRepository {
  async find(trx: Transaction<ShopDatabase>, scope: string, key: string): Promise<StoredCheckout | undefined> {
    const row = await trx
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'response'])
      .where('scope', '=', scope)
      .where('key', '=', key)
      .executeTakeFirst();
    return row && { request_hash: row.request_hash, response: row.response as PlacedOrder };
  }

  async record(
    trx: Transaction<ShopDatabase>,
    entry: { scope: string; key: string; requestHash: string; orderId: string; response: PlacedOrder },
  ): Promise<void> {
    await trx
      .insertInto('idempotency_keys')
      .values({
        scope: entry.scope,
        key: entry.key,
        request_hash: entry.requestHash,
        order_id: entry.orderId,
        response: entry.response,
      })
      .execute();
  }
}
