/** A stored audit event as admins read it. */
import type { AuditEventRecord } from './audit.model.js';
import type { AuditEvent } from './audit.schemas.js';

export function toAuditEvent(event: AuditEventRecord): AuditEvent {
  return {
    id: event._id.toString(),
    type: event.type,
    userId: event.userId ?? null,
    actorId: event.actorId ?? null,
    email: event.email ?? null,
    ip: event.ip ?? null,
    details: (event.details ?? {}) as Record<string, unknown>,
    createdAt: event.createdAt.toISOString(),
  };
}
