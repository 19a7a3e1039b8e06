/** Writes security events to the audit collection and to the log; lists them for admins. */
import { pageOffset, toPage, type Logger, type Page } from '@roadmap/core';
import { toPublicAuditEvent, type AuditEventModel, type AuditEventType } from './audit.model.js';
import type { AuditListQuery } from './audit.schemas.js';

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
  'refresh.reuse_detected',
]);

export type PublicAuditEvent = ReturnType<typeof toPublicAuditEvent>;

export class AuditLog {
  constructor(
    private readonly AuditEvent: AuditEventModel,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {}

  async record(type: AuditEventType, entry: AuditEntry, log: Logger = this.logger): Promise<void> {
    const level = WARNING_EVENTS.has(type) ? 'warn' : 'info';
    log[level](
      { audit: type, userId: entry.userId, actorId: entry.actorId, ip: entry.ip, details: entry.details },
      'security event',
    );
    await this.AuditEvent.create({
      type,
      userId: entry.userId ?? null,
      actorId: entry.actorId ?? null,
      email: entry.email ?? null,
      ip: entry.ip ?? null,
      details: entry.details ?? {},
      createdAt: this.now(),
    });
  }

  async list(query: AuditListQuery): Promise<Page<PublicAuditEvent>> {
    const filter = {
      ...(query.type ? { type: query.type } : {}),
      ...(query.userId ? { userId: query.userId } : {}),
    };
    const [events, total] = await Promise.all([
      this.AuditEvent.find(filter).sort({ createdAt: -1, _id: -1 }).skip(pageOffset(query)).limit(query.limit),
      this.AuditEvent.countDocuments(filter),
    ]);
    return toPage(events.map(toPublicAuditEvent), query, total);
  }
}
