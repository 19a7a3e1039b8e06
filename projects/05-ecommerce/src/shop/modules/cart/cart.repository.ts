/** The only file that queries carts and cart items. Prices and stock are joined live, never stored. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { ShopDatabase } from '../../database.js';

type Db = Kysely<ShopDatabase> | Transaction<ShopDatabase>;

export interface CartLineRow {
  variant_id: string;
  product_id: string;
  sku: string;
  product_slug: string;
  name: string;
  options: Record<string, string>;
  quantity: number;
  price_minor: number;
  currency: string;
  saleable: number;
  /** Whether the variant's product is published now (an unpublished one cannot be checked out). */
  published: boolean;
}

export class CartRepository {
  constructor(private readonly db: Kysely<ShopDatabase>) {}

  /** The cart; with `lock`, its row is locked to the end of `db`'s transaction (changes to one cart queue). */
  async find(id: string, db: Db = this.db, lock = false) {
    let query = db.selectFrom('carts').select(['id', 'user_id', 'status']).where('id', '=', id);
    if (lock) query = query.forUpdate();
    return query.executeTakeFirst();
  }

  async openCartOf(userId: string, db: Db = this.db): Promise<string | undefined> {
    const row = await db
      .selectFrom('carts')
      .select('id')
      .where('user_id', '=', userId)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return row?.id;
  }

  /** The user's open cart, created if missing (the partial unique index makes concurrent calls agree). */
  async ensureUserCart(userId: string, db: Db = this.db): Promise<string> {
    const existing = await this.openCartOf(userId, db);
    if (existing) return existing;
    await db
      .insertInto('carts')
      .values({ user_id: userId })
      .onConflict((oc) =>
        oc.column('user_id').where('status', '=', 'open').where('user_id', 'is not', null).doNothing(),
      )
      .execute();
    const id = await this.openCartOf(userId, db);
    if (!id) throw new Error('user cart vanished after upsert');
    return id;
  }

  async createGuestCart(db: Db = this.db): Promise<string> {
    const row = await db.insertInto('carts').values({ user_id: null }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  async lines(cartId: string, db: Db = this.db): Promise<CartLineRow[]> {
    return db
      .selectFrom('cart_items as i')
      .innerJoin('variants as v', 'v.id', 'i.variant_id')
      .innerJoin('products as p', 'p.id', 'v.product_id')
      .select([
        'i.variant_id',
        'v.product_id',
        'v.sku',
        'p.slug as product_slug',
        'p.name',
        'v.options',
        'i.quantity',
        'v.price_minor',
        'v.currency',
        sql<number>`v.on_hand - v.reserved`.as('saleable'),
        'p.published',
      ])
      .where('i.cart_id', '=', cartId)
      .orderBy('i.added_at')
      .orderBy('v.sku')
      .execute();
  }

  async setQuantity(cartId: string, variantId: string, quantity: number, db: Db = this.db): Promise<void> {
    if (quantity === 0) {
      await db.deleteFrom('cart_items').where('cart_id', '=', cartId).where('variant_id', '=', variantId).execute();
    } else {
      await db
        .insertInto('cart_items')
        .values({ cart_id: cartId, variant_id: variantId, quantity })
        .onConflict((oc) => oc.columns(['cart_id', 'variant_id']).doUpdateSet({ quantity }))
        .execute();
    }
    await db.updateTable('carts').set({ updated_at: new Date() }).where('id', '=', cartId).execute();
  }

  async clear(cartId: string, db: Db = this.db): Promise<void> {
    await db.deleteFrom('cart_items').where('cart_id', '=', cartId).execute();
  }

  async markMerged(cartId: string, db: Db): Promise<void> {
    await this.clear(cartId, db);
    await db.updateTable('carts').set({ status: 'merged', updated_at: new Date() }).where('id', '=', cartId).execute();
  }

  /** A purchasable variant: it exists and its product is published. */
  async purchasableVariant(variantId: string, db: Db = this.db) {
    return db
      .selectFrom('variants as v')
      .innerJoin('products as p', 'p.id', 'v.product_id')
      .select(['v.id', 'v.currency', 'v.price_minor', sql<number>`v.on_hand - v.reserved`.as('saleable')])
      .where('v.id', '=', variantId)
      .where('p.published', '=', true)
      .executeTakeFirst();
  }
}
