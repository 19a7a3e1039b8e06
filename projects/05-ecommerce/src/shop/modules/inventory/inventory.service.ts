/**
 * Inventory rules around the stock moves: audited admin adjustments, `inventory.low_stock.v1` when a
 * variant's saleable stock falls to the threshold, and whether a change flipped a variant between in
 * stock and sold out (the catalog cache shows that flag, so such a change invalidates it).
 */
import { ConflictError, NotFoundError } from '@roadmap/core';
import type { Kysely, Transaction } from 'kysely';
import type { Outbox } from '../../../platform/messaging/outbox.js';
import type { ShopDatabase } from '../../database.js';
import type { AdminActor, AuditLog } from '../audit/index.js';
import type { CatalogCache } from '../catalog/index.js';
import {
  adjustOnHand,
  findStockLevel,
  recentAdjustments,
  recordAdjustment,
  type StockLevel,
} from './inventory.repository.js';
import type { StockAdjustment, StockAdjustmentInput, StockLevelView } from './inventory.schemas.js';

export function toStockLevel(level: StockLevel): StockLevelView {
  return { ...level, saleable: level.onHand - level.reserved };
}

export interface InventoryServiceDeps {
  db: Kysely<ShopDatabase>;
  outbox: Outbox;
  cache: CatalogCache;
  /** Saleable stock at or under which `inventory.low_stock.v1` is recorded. */
  lowStockThreshold: number;
  audit: AuditLog;
}

export class InventoryService {
  private readonly db: Kysely<ShopDatabase>;
  private readonly outbox: Outbox;
  private readonly cache: CatalogCache;
  private readonly lowStockThreshold: number;
  private readonly audit: AuditLog;

  constructor(deps: InventoryServiceDeps) {
    this.db = deps.db;
    this.outbox = deps.outbox;
    this.cache = deps.cache;
    this.lowStockThreshold = deps.lowStockThreshold;
    this.audit = deps.audit;
  }

  /**
   * Records what follows from stock levels that changed by `saleableDelta` each (in `trx`), and answers
   * whether any variant went in or out of stock.
   */
  async stockChanged(
    trx: Transaction<ShopDatabase>,
    levels: StockLevel[],
    saleableDelta: (variantId: string) => number,
  ) {
    let availabilityChanged = false;
    for (const level of levels) {
      const after = level.onHand - level.reserved;
      const before = after - saleableDelta(level.variantId);
      if (before > 0 !== after > 0) availabilityChanged = true;
      if (before > this.lowStockThreshold && after <= this.lowStockThreshold) {
        await this.outbox.record(trx, 'inventory.low_stock.v1', {
          variantId: level.variantId,
          sku: level.sku,
          saleable: after,
          threshold: this.lowStockThreshold,
        });
      }
    }
    return { availabilityChanged };
  }

  /** After the commit of a stock change: wake the relay, refresh the catalog if availability flipped. */
  async committed({ availabilityChanged }: { availabilityChanged: boolean }): Promise<void> {
    this.outbox.committed();
    if (availabilityChanged) await this.cache.invalidate();
  }

  async level(variantId: string): Promise<StockLevelView> {
    const level = await findStockLevel(this.db, variantId);
    if (!level) throw new NotFoundError(`Variant ${variantId} does not exist.`);
    return toStockLevel(level);
  }

  async adjust(variantId: string, input: StockAdjustmentInput, actor: AdminActor): Promise<StockLevelView> {
    const outcome = await this.db.transaction().execute(async (trx) => {
      const level = await adjustOnHand(trx, variantId, input.delta);
      if (!level) return undefined;
      await recordAdjustment(trx, {
        variant_id: variantId,
        delta: input.delta,
        on_hand_after: level.onHand,
        reason: input.reason,
        actor_id: actor.id,
      });
      await this.audit.record(
        trx,
        actor,
        'stock.adjust',
        { type: 'variant', id: variantId },
        { delta: input.delta, reason: input.reason, onHandAfter: level.onHand },
      );
      const effects = await this.stockChanged(trx, [level], () => input.delta);
      return { level, effects };
    });
    if (!outcome) {
      const current = await this.level(variantId);
      throw new ConflictError(
        `Removing ${-input.delta} would leave fewer units on hand than the ${current.reserved} reserved.`,
        { extensions: { onHand: current.onHand, reserved: current.reserved } },
      );
    }
    await this.committed(outcome.effects);
    return toStockLevel(outcome.level);
  }

  async adjustments(variantId: string): Promise<StockAdjustment[]> {
    await this.level(variantId);
    const rows = await recentAdjustments(this.db, variantId, 200);
    return rows.map((row) => ({
      id: String(row.id),
      delta: row.delta,
      onHandAfter: row.on_hand_after,
      reason: row.reason,
      actorId: row.actor_id,
      createdAt: row.created_at.toISOString(),
    }));
  }
}
