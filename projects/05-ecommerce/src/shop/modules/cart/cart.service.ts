/**
 * Cart rules: one currency per cart, quantities within saleable stock, prices always the current ones,
 * and a guest cart that merges into the user's cart on login (summed, capped at saleable stock).
 */
import { ConflictError, GoneError, NotFoundError, UnauthorizedError, ValidationError } from '@roadmap/core';
import type { Kysely } from 'kysely';
import type { ShopDatabase } from '../../database.js';
import type { CartOwner, CartTokens } from './cart-token.js';
import type { CartRepository } from './cart.repository.js';
import type { AddCartItem, Cart, MergeResult } from './cart.schemas.js';
import { toCart } from './cart.view.js';

export interface CartChange {
  cart: Cart;
  /** Set when this request created a guest cart: its id, for the token. */
  newGuestCartId?: string;
}

export class CartService {
  constructor(
    private readonly db: Kysely<ShopDatabase>,
    private readonly carts: CartRepository,
    private readonly tokens: CartTokens,
  ) {}

  /** The cart id of `owner`, if it has one; a merged guest cart is gone. */
  async existingCartId(owner: CartOwner): Promise<string | undefined> {
    if (owner.kind === 'user') return this.carts.openCartOf(owner.userId);
    if (!owner.cartId) return undefined;
    const cart = await this.carts.find(owner.cartId);
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

  async addItem(owner: CartOwner, item: AddCartItem): Promise<CartChange> {
    let cartId = await this.existingCartId(owner);
    let newGuestCartId: string | undefined;
    const current = cartId ? await this.carts.quantityOf(cartId, item.variantId) : 0;
    await this.checkPurchasable(cartId, item.variantId, current + item.quantity);
    if (!cartId) {
      cartId =
        owner.kind === 'user' ? await this.carts.ensureUserCart(owner.userId) : await this.carts.createGuestCart();
      if (owner.kind === 'guest') newGuestCartId = cartId;
    }
    await this.carts.setQuantity(cartId, item.variantId, current + item.quantity);
    return { cart: await this.view(cartId, owner), ...(newGuestCartId ? { newGuestCartId } : {}) };
  }

  async setQuantity(owner: CartOwner, variantId: string, quantity: number): Promise<Cart> {
    const cartId = await this.existingCartId(owner);
    if (!cartId || (await this.carts.quantityOf(cartId, variantId)) === 0) {
      throw new NotFoundError('This variant is not in the cart.');
    }
    if (quantity > 0) await this.checkPurchasable(cartId, variantId, quantity);
    await this.carts.setQuantity(cartId, variantId, quantity);
    return this.view(cartId, owner);
  }

  /** Moves the guest cart's lines into the user's cart: quantities summed, capped at saleable stock. */
  async merge(owner: CartOwner): Promise<MergeResult> {
    if (owner.kind !== 'user') throw new UnauthorizedError('Sign in to merge a guest cart into your cart.');
    if (!owner.guestCartId) {
      throw new ValidationError([{ field: 'headers.x-cart-token', message: 'send the guest cart token to merge' }]);
    }
    const guestCartId = owner.guestCartId;
    const capped: MergeResult['capped'] = [];
    const userCartId = await this.db.transaction().execute(async (trx) => {
      const guest = await this.carts.find(guestCartId, trx, true);
      if (!guest) throw new NotFoundError('The guest cart does not exist.');
      if (guest.status === 'merged') throw new GoneError('This guest cart was already merged.');
      if (guest.user_id !== null) throw new ConflictError('This cart belongs to an account, not a guest.');
      const target = await this.carts.ensureUserCart(owner.userId, trx);
      const existing = await this.carts.lines(target, trx);
      const currency = existing[0]?.currency;
      for (const line of await this.carts.lines(guestCartId, trx)) {
        if (currency !== undefined && line.currency !== currency) continue;
        const requested = (existing.find((e) => e.variant_id === line.variant_id)?.quantity ?? 0) + line.quantity;
        const kept = Math.min(requested, Math.max(0, Number(line.saleable)), 100);
        if (kept < requested) capped.push({ variantId: line.variant_id, requested, kept });
        if (kept > 0) await this.carts.setQuantity(target, line.variant_id, kept, trx);
      }
      await this.carts.markMerged(guestCartId, trx);
      return target;
    });
    return { cart: await this.view(userCartId, { kind: 'user', userId: owner.userId }), capped };
  }

  private async checkPurchasable(cartId: string | undefined, variantId: string, wanted: number): Promise<void> {
    const variant = await this.carts.purchasableVariant(variantId);
    if (!variant) throw new NotFoundError(`No purchasable variant ${variantId}.`);
    if (wanted > Number(variant.saleable)) {
      throw new ConflictError(`Only ${Math.max(0, Number(variant.saleable))} of this variant can be bought now.`, {
        extensions: { variantId, saleable: Math.max(0, Number(variant.saleable)) },
      });
    }
    if (wanted > 100) throw new ValidationError([{ field: 'body.quantity', message: 'at most 100 of one variant' }]);
    if (cartId) {
      const other = (await this.carts.lines(cartId)).find((line) => line.variant_id !== variantId);
      if (other && other.currency !== variant.currency) {
        throw new ConflictError(`This cart is in ${other.currency}; the variant is priced in ${variant.currency}.`);
      }
    }
  }
}
