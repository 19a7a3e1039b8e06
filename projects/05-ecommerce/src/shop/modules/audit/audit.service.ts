/**
 * The admin audit trail: every admin action is recorded by the service that performs it, inside the
 * transaction of the change, so a change without its audit entry (or the reverse) cannot commit.
 */
import type { AuthUser } from '@roadmap/auth';
import { toPage, type Page } from '@roadmap/core';
import type { Transaction } from 'kysely';
import type { ShopDatabase } from '../../database.js';
import type { AuditRepository, AuditRow } from './audit.repository.js';
import type { AdminActor, AuditEntry, AuditListQuery, AuditTarget } from './audit.schemas.js';

/** The actor of an admin request, from its access token. */
export function adminActor(user: Pick<AuthUser, 'id' | 'email'>): AdminActor {
  return { id: user.id, email: user.email ?? null };
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: String(row.id),
    actor: { id: row.actor_id, email: row.actor_email },
    action: row.action,
    target: { type: row.target_type, id: row.target_id },
    details: row.details,
    at: new Date(row.created_at).toISOString(),
  };
}

export interface AuditLogDeps {
  audit: AuditRepository;
}

export class AuditLog {
  private readonly audit: AuditRepository;

  constructor(deps: AuditLogDeps) {
    this.audit = deps.audit;
  }

  /** Records `action` by `actor` on `target` in `trx`, the transaction of the change itself. */
  record(
    trx: Transaction<ShopDatabase>,
    actor: AdminActor,
    action: string,
    target: AuditTarget,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    return this.audit.insert(trx, { actor, action, target, details });
  }

  /**
   * Records an action that happened outside PostgreSQL (a Bull job in Redis), right after it
   * succeeded: there is no transaction to share.
   */
  recordOutside(actor: AdminActor, action: string, target: AuditTarget, details: Record<string, unknown> = {}) {
    return this.audit.insert(undefined, { actor, action, target, details });
  }

  async list(query: AuditListQuery): Promise<Page<AuditEntry>> {
    const { rows, total } = await this.audit.page(query);
    return toPage(rows.map(toEntry), query, total);
  }
}
