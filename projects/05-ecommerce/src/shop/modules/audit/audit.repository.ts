/** The only file that reads and writes `admin_audit`. */
import { pageOffset } from '@roadmap/core';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { AdminAuditTable, ShopDatabase } from '../../database.js';
import type { AdminActor, AuditListQuery, AuditTarget } from './audit.schemas.js';

type Db = Kysely<ShopDatabase> | Transaction<ShopDatabase>;

export type AuditRow = Selectable<AdminAuditTable>;

export class AuditRepository {
  constructor(private readonly db: Kysely<ShopDatabase>) {}

  async insert(
    db: Db | undefined,
    entry: { actor: AdminActor; action: string; target: AuditTarget; details: Record<string, unknown> },
  ): Promise<void> {
    await (db ?? this.db)
      .insertInto('admin_audit')
      .values({
        actor_id: entry.actor.id,
        actor_email: entry.actor.email,
        action: entry.action,
        target_type: entry.target.type,
        target_id: entry.target.id,
        details: entry.details,
      })
      .execute();
  }

  async page(query: AuditListQuery): Promise<{ rows: AuditRow[]; total: number }> {
    let filtered = this.db.selectFrom('admin_audit');
    if (query.actorId) filtered = filtered.where('actor_id', '=', query.actorId);
    if (query.action) filtered = filtered.where('action', '=', query.action);
    if (query.targetType) filtered = filtered.where('target_type', '=', query.targetType);
    if (query.targetId) filtered = filtered.where('target_id', '=', query.targetId);
    const [rows, count] = await Promise.all([
      filtered
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit)
        .offset(pageOffset(query))
        .execute(),
      filtered.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }
}
