/** Writes security events to the audit collection and to the log; lists them for admins. */
import { mapPage, type Logger, type Page } from '@roadmap/core';
import type { AuditEventType } from './audit.model.js';
import type { AuditEventRepository } from './audit.repository.js';
import type { AuditEvent, AuditListQuery } from './audit.schemas.js';
import { toAuditEvent } from './audit.view.js';

export interface AuditEntry {
  userId?: string | null;
  actorId?: string | null;
  email?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

const WARNING_EVENTS = new Set<AuditEventType>([
  'login.failed',
  'login.locked',
  'account.locked',
  'account.under_attack',
  'refresh.reuse_detected',
  'mfa.failed',
  'mfa.locked',
  'mfa.recovery_code_used',
  'passkey.counter_regressed',
]);

export class AuditLog {
  constructor(
    private readonly events: AuditEventRepository,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {}

  async record(type: AuditEventType, entry: AuditEntry, log: Logger = this.logger): Promise<void> {
    const level = WARNING_EVENTS.has(type) ? 'warn' : 'info';
    log[level](
      { audit: type, userId: entry.userId, actorId: entry.actorId, ip: entry.ip, details: entry.details },
      'security event',
    );
    await this.events.create({
      type,
      userId: entry.userId ?? null,
      actorId: entry.actorId ?? null,
      email: entry.email ?? null,
      ip: entry.ip ?? null,
      details: entry.details ?? {},
      createdAt: this.now(),
    });
  }

  async list(query: AuditListQuery): Promise<Page<AuditEvent>> {
    return mapPage(await this.events.page({ type: query.type, userId: query.userId }, query), toAuditEvent);
  }
}
