/**
 * Checkout turns a cart into an order, once per Idempotency-Key (as Medusa completes a cart and Stripe
 * treats keys): in one transaction it locks the cart, looks the key up, reserves stock with conditional
 * updates, writes the order with a snapshot of each line, its history, its events and the key with the
 * answer to replay, and empties the cart. The same key with the same request replays that answer; with
 * another request it is a 422; concurrent duplicates queue on the cart lock and replay.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ConflictError, UnprocessableEntityError, ValidationError } from '@roadmap/core';
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../../../platform/clock.js';
import type { Outbox } from '../../../platform/messaging/outbox.js';
import type { ShopDatabase } from '../../database.js';
import {
  assertTotalWithinCap,
  totalMinor,
  type CartLineRow,
  type CartOwner,
  type CartRepository,
} from '../cart/index.js';
import { reserveLines, type InventoryService } from '../inventory/index.js';
import { eventLines, orderRef, toOrder, type OrderChanges, type OrderRepository } from '../orders/index.js';
import type { CheckoutInput, PlacedOrder } from './checkout.schemas.js';
import type { IdempotencyRepository } from './idempotency.repository.js';

export interface CheckoutOutcome {
  result: PlacedOrder;
  replayed: boolean;
}

/** Called after a new order is committed (schedules its expiry). */
export type OrderPlacedHook = (order: { id: string; expiresAt: Date }) => Promise<void>;

export interface CheckoutServiceDeps {
  db: Kysely<ShopDatabase>;
  carts: CartRepository;
  orders: OrderRepository;
  idempotency: IdempotencyRepository;
  changes: OrderChanges;
  inventory: InventoryService;
  outbox: Outbox;
  clock: Clock;
  reservationTtlSeconds: number;
  onPlaced: OrderPlacedHook;
}

export class CheckoutService {
  private readonly db: Kysely<ShopDatabase>;
  private readonly carts: CartRepository;
  private readonly orders: OrderRepository;
  private readonly idempotency: IdempotencyRepository;
  private readonly changes: OrderChanges;
  private readonly inventory: InventoryService;
  private readonly outbox: Outbox;
  private readonly clock: Clock;
  private readonly reservationTtlSeconds: number;
  private readonly onPlaced: OrderPlacedHook;

  constructor(deps: CheckoutServiceDeps) {
    this.db = deps.db;
    this.carts = deps.carts;
    this.orders = deps.orders;
    this.idempotency = deps.idempotency;
    this.changes = deps.changes;
    this.inventory = deps.inventory;
    this.outbox = deps.outbox;
    this.clock = deps.clock;
    this.reservationTtlSeconds = deps.reservationTtlSeconds;
    this.onPlaced = deps.onPlaced;
  }

  async checkout(
    owner: CartOwner,
    email: string | undefined,
    key: string,
    input: CheckoutInput,
  ): Promise<CheckoutOutcome> {
    if (owner.kind === 'guest' && !owner.cartId) throw new UnprocessableEntityError('There is no cart to check out.');
    const scope = owner.kind === 'user' ? `user:${owner.userId}` : `cart:${owner.cartId}`;
    const requestHash = createHash('sha256').update(JSON.stringify({ scope, input })).digest('hex');
    const buyerEmail = input.email ?? email;
    if (!buyerEmail) throw new ValidationError([{ field: 'body.email', message: 'guests must give an email' }]);

    const outcome = await this.db.transaction().execute(async (trx) => {
      const cartId = await this.lockCart(trx, owner);
      const stored = await this.idempotency.find(trx, scope, key);
      if (stored) {
        if (stored.request_hash !== requestHash) {
          throw new UnprocessableEntityError('This Idempotency-Key was used for a different request; use a new key.');
        }
        return { result: stored.response, replayed: true, availabilityChanged: false };
      }
      if (!cartId) throw new UnprocessableEntityError('There is no cart to check out.');
      return this.placeOrder(trx, cartId, owner, buyerEmail, scope, key, requestHash, input);
    });
    if (!outcome.replayed) {
      await this.inventory.committed({ availabilityChanged: outcome.availabilityChanged });
      const order = outcome.result.order;
      await this.onPlaced({ id: order.id, expiresAt: new Date(order.reservationExpiresAt) });
    }
    return { result: outcome.result, replayed: outcome.replayed };
  }

  /** Locks the caller's cart row, so checkouts of one cart run one after another. */
  private async lockCart(trx: Transaction<ShopDatabase>, owner: CartOwner): Promise<string | undefined> {
    const cartId = owner.kind === 'user' ? await this.carts.openCartOf(owner.userId, trx) : owner.cartId;
    if (!cartId) return undefined;
    const cart = await this.carts.find(cartId, trx, true);
    return cart?.status === 'open' ? cart.id : undefined;
  }

  private async placeOrder(
    trx: Transaction<ShopDatabase>,
    cartId: string,
    owner: CartOwner,
    email: string,
    scope: string,
    key: string,
    requestHash: string,
    input: CheckoutInput,
  ) {
    const lines = await this.carts.lines(cartId, trx);
    if (lines.length === 0) throw new UnprocessableEntityError('The cart is empty.');
    assertCheckoutable(lines);
    const reserved = await reserveLines(
      trx,
      lines.map((line) => ({ variantId: line.variant_id, quantity: line.quantity })),
    );
    if (!reserved.ok) {
      const line = lines.find((l) => l.variant_id === reserved.variantId);
      throw new ConflictError(`Not enough stock of ${line?.sku ?? reserved.variantId} for this order.`, {
        extensions: { variantId: reserved.variantId, sku: line?.sku, requested: line?.quantity },
      });
    }
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.reservationTtlSeconds * 1000);
    const { order, lines: orderLines } = await this.orders.create(
      trx,
      {
        id: randomUUID(),
        user_id: owner.kind === 'user' ? owner.userId : null,
        email,
        cart_id: cartId,
        status: 'pending_payment',
        payment_status: 'pending',
        fulfillment_status: 'unfulfilled',
        currency: lines[0]!.currency,
        total_minor: totalMinor(lines.map((line) => ({ priceMinor: line.price_minor, quantity: line.quantity }))),
        shipping_address: input.shippingAddress,
        tracking_number: null,
        reservation_expires_at: expiresAt,
        created_at: now,
        updated_at: now,
      },
      lines.map((line) => ({
        variant_id: line.variant_id,
        product_id: line.product_id,
        sku: line.sku,
        name: line.name,
        unit_price_minor: line.price_minor,
        quantity: line.quantity,
      })),
      lines.map((line) => ({ variant_id: line.variant_id, quantity: line.quantity, expires_at: expiresAt })),
    );
    const stock = await this.inventory.stockChanged(trx, reserved.levels, (variantId) => {
      return -(lines.find((line) => line.variant_id === variantId)?.quantity ?? 0);
    });
    const paymentToken = randomBytes(24).toString('base64url');
    const buyer = { type: 'customer' as const, id: owner.kind === 'user' ? owner.userId : null };
    await this.changes.recordHistory(trx, order, null, buyer, 'checkout');
    await this.outbox.record(trx, 'order.created.v1', {
      ...orderRef(order),
      currency: order.currency,
      totalMinor: order.total_minor,
      lines: eventLines(orderLines),
      reservationExpiresAt: expiresAt.toISOString(),
      paymentTokenHash: createHash('sha256').update(paymentToken).digest('hex'),
    });
    const result: PlacedOrder = { order: toOrder(order, orderLines), paymentToken };
    await this.idempotency.record(trx, { scope, key, requestHash, orderId: order.id, response: result });
    await this.carts.clear(cartId, trx);
    return { result, replayed: false, availabilityChanged: stock.availabilityChanged };
  }
}

/**
 * What the cart must be to become an order, checked on its lines as they are now: every product
 * still published, one currency (a variant's currency may have changed since it was added), and a
 * total within the cap. Each refusal is a 422 naming the lines at fault.
 */
export function assertCheckoutable(lines: readonly CartLineRow[]): void {
  const ref = (line: CartLineRow) => ({ variantId: line.variant_id, sku: line.sku });
  const unpublished = lines.filter((line) => !line.published);
  if (unpublished.length > 0) {
    throw new UnprocessableEntityError(
      `No longer for sale: ${unpublished.map((line) => line.sku).join(', ')}. Remove these lines to check out.`,
      { extensions: { lines: unpublished.map(ref) } },
    );
  }
  const currencies = new Set(lines.map((line) => line.currency));
  if (currencies.size > 1) {
    throw new UnprocessableEntityError(
      `The cart holds lines in ${[...currencies].join(' and ')}; an order has one currency.`,
      { extensions: { lines: lines.map((line) => ({ ...ref(line), currency: line.currency })) } },
    );
  }
  assertTotalWithinCap(lines.map((line) => ({ priceMinor: line.price_minor, quantity: line.quantity })));
}
