/**
 * Cart rules: one currency per cart, quantities within saleable stock, a total an order can hold,
 * prices always the current ones, and a guest cart that merges into the user's cart on login
 * (summed, capped at saleable stock). Every change to a cart runs in a transaction holding the cart's
 * row lock, so concurrent changes to one cart queue: none is lost, and none mixes currencies.
 */
import { ConflictError, GoneError, NotFoundError, UnauthorizedError, ValidationError } from '@roadmap/core';
import type { Kysely, Transaction } from 'kysely';
import type { ShopDatabase } from '../../database.js';
import { assertLineFits, MAX_LINE_QUANTITY, totalMinor, MAX_TOTAL_MINOR, type PricedLine } from './cart-rules.js';
import type { CartOwner, CartTokens } from './cart-token.js';
import type { CartLineRow, CartRepository } from './cart.repository.js';
import type { AddCartItem, Cart, MergeResult } from './cart.schemas.js';
import { toCart } from './cart.view.js';

type Trx = Transaction<ShopDatabase>;

export interface CartChange {
  cart: Cart;
  /** Set when this request created a guest cart: its id, for the token. */
  newGuestCartId?: string;
}

const priced = (line: CartLineRow): PricedLine => ({
  variantId: line.variant_id,
  quantity: line.quantity,
  priceMinor: line.price_minor,
  currency: line.currency,
});

export interface CartServiceDeps {
  db: Kysely<ShopDatabase>;
  carts: CartRepository;
  tokens: CartTokens;
}

export class CartService {
  private readonly db: Kysely<ShopDatabase>;
  private readonly carts: CartRepository;
  private readonly tokens: CartTokens;

  constructor(deps: CartServiceDeps) {
    this.db = deps.db;
    this.carts = deps.carts;
    this.tokens = deps.tokens;
  }

  /** The cart id of `owner`, if it has one; a merged guest cart is gone. */
  async existingCartId(owner: CartOwner, db: Kysely<ShopDatabase> | Trx = this.db): Promise<string | undefined> {
    if (owner.kind === 'user') return this.carts.openCartOf(owner.userId, db);
    if (!owner.cartId) return undefined;
    const cart = await this.carts.find(owner.cartId, db);
    if (!cart) throw new NotFoundError('The cart of this token no longer exists.');
    if (cart.status === 'merged') throw new GoneError('This guest cart was merged into an account; use that cart.');
    return cart.id;
  }

  async view(cartId: string | undefined, owner: CartOwner): Promise<Cart> {
    if (!cartId) return toCart(null, null, []);
    const token = owner.kind === 'guest' ? this.tokens.issue(cartId) : null;
    return toCart(cartId, token, await this.carts.lines(cartId));
  }

  async get(owner: CartOwner): Promise<Cart> {
    return this.view(await this.existingCartId(owner), owner);
  }

  /** Adds units to a line, creating the cart on a first add (in the same transaction, so a refusal leaves none). */
  async addItem(owner: CartOwner, item: AddCartItem): Promise<CartChange> {
    const { cartId, created } = await this.db.transaction().execute(async (trx) => {
      const existing = await this.existingCartId(owner, trx);
      const id =
        existing ??
        (owner.kind === 'user'
          ? await this.carts.ensureUserCart(owner.userId, trx)
          : await this.carts.createGuestCart(trx));
      const lines = await this.lockedLines(trx, id);
      const current = lines.find((line) => line.variant_id === item.variantId)?.quantity ?? 0;
      await this.setLine(trx, id, lines, item.variantId, current + item.quantity);
      return { cartId: id, created: existing === undefined };
    });
    const newGuestCartId = created && owner.kind === 'guest' ? cartId : undefined;
    return { cart: await this.view(cartId, owner), ...(newGuestCartId ? { newGuestCartId } : {}) };
  }

  async setQuantity(owner: CartOwner, variantId: string, quantity: number): Promise<Cart> {
    const cartId = await this.existingCartId(owner);
    await this.db.transaction().execute(async (trx) => {
      const lines = cartId ? await this.lockedLines(trx, cartId) : [];
      if (!cartId || !lines.some((line) => line.variant_id === variantId)) {
        throw new NotFoundError('This variant is not in the cart.');
      }
      if (quantity === 0) await this.carts.setQuantity(cartId, variantId, 0, trx);
      else await this.setLine(trx, cartId, lines, variantId, quantity);
    });
    return this.view(cartId, owner);
  }

  /**
   * Moves the guest cart's lines into the user's cart: quantities summed and capped at saleable stock.
   * A line the user's cart cannot take (another currency, an unpublished product, a total over the
   * cap) is named in `skipped`; the guest cart is retired either way.
   */
  async merge(owner: CartOwner): Promise<MergeResult> {
    if (owner.kind !== 'user') throw new UnauthorizedError('Sign in to merge a guest cart into your cart.');
    if (!owner.guestCartId) {
      throw new ValidationError([{ field: 'headers.x-cart-token', message: 'send the guest cart token to merge' }]);
    }
    const guestCartId = owner.guestCartId;
    const capped: MergeResult['capped'] = [];
    const skipped: MergeResult['skipped'] = [];
    const userCartId = await this.db.transaction().execute(async (trx) => {
      const guest = await this.carts.find(guestCartId, trx, true);
      if (!guest) throw new NotFoundError('The guest cart does not exist.');
      if (guest.status === 'merged') throw new GoneError('This guest cart was already merged.');
      if (guest.user_id !== null) throw new ConflictError('This cart belongs to an account, not a guest.');
      const target = await this.carts.ensureUserCart(owner.userId, trx);
      const kept = (await this.lockedLines(trx, target)).map(priced);
      for (const line of await this.carts.lines(guestCartId, trx)) {
        const currency = kept.find((k) => k.variantId !== line.variant_id)?.currency;
        const skip = (reason: MergeResult['skipped'][number]['reason']) =>
          skipped.push({ variantId: line.variant_id, sku: line.sku, quantity: line.quantity, reason });
        if (!line.published) {
          skip('unpublished');
          continue;
        }
        if (currency !== undefined && line.currency !== currency) {
          skip('currency');
          continue;
        }
        const before = kept.find((k) => k.variantId === line.variant_id);
        const requested = (before?.quantity ?? 0) + line.quantity;
        const quantity = Math.min(requested, Math.max(0, Number(line.saleable)), MAX_LINE_QUANTITY);
        const next = [...kept.filter((k) => k !== before), { ...priced(line), quantity }];
        if (totalMinor(next) > MAX_TOTAL_MINOR) {
          skip('total');
          continue;
        }
        if (quantity < requested) capped.push({ variantId: line.variant_id, requested, kept: quantity });
        if (quantity > 0) {
          await this.carts.setQuantity(target, line.variant_id, quantity, trx);
          kept.splice(0, kept.length, ...next);
        }
      }
      await this.carts.markMerged(guestCartId, trx);
      return target;
    });
    return { cart: await this.view(userCartId, { kind: 'user', userId: owner.userId }), capped, skipped };
  }

  /** Locks the cart (410 if it was merged meanwhile) and answers its lines as they are under the lock. */
  private async lockedLines(trx: Trx, cartId: string): Promise<CartLineRow[]> {
    const cart = await this.carts.find(cartId, trx, true);
    if (!cart) throw new NotFoundError('The cart of this token no longer exists.');
    if (cart.status === 'merged') throw new GoneError('This guest cart was merged into an account; use that cart.');
    return this.carts.lines(cartId, trx);
  }

  private async setLine(trx: Trx, cartId: string, lines: CartLineRow[], variantId: string, quantity: number) {
    const variant = await this.carts.purchasableVariant(variantId, trx);
    if (!variant) throw new NotFoundError(`No purchasable variant ${variantId}.`);
    assertLineFits(
      lines.map(priced),
      { variantId, priceMinor: variant.price_minor, currency: variant.currency, saleable: Number(variant.saleable) },
      quantity,
    );
    await this.carts.setQuantity(cartId, variantId, quantity, trx);
  }
}
