/** Security events (failed logins, lockouts, refresh reuse, role changes), queryable by admins. */
import { Schema, type Connection, type HydratedDocument, type Model } from 'mongoose';

export const AUDIT_EVENT_TYPES = [
  'user.registered',
  'login.succeeded',
  'login.failed',
  'login.locked',
  'account.locked',
  'refresh.reuse_detected',
  'session.revoked',
  'sessions.revoked_all',
  'password.changed',
  'password.reset',
  'email.verified',
  'role.changed',
  'user.disabled',
  'user.enabled',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

export interface AuditEventFields {
  type: AuditEventType;
  userId: string | null;
  actorId: string | null;
  email: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
}

export type AuditEventDocument = HydratedDocument<AuditEventFields>;
export type AuditEventModel = Model<AuditEventFields>;

const auditEventSchema = new Schema<AuditEventFields>(
  {
    type: { type: String, enum: AUDIT_EVENT_TYPES, required: true },
    userId: { type: String, default: null },
    actorId: { type: String, default: null },
    email: { type: String, default: null },
    ip: { type: String, default: null },
    details: { type: Schema.Types.Mixed, default: {} },
    createdAt: { type: Date, required: true },
  },
  { strict: 'throw', minimize: false },
);
auditEventSchema.index({ createdAt: -1, _id: -1 });
auditEventSchema.index({ userId: 1, createdAt: -1 });

export function createAuditEventModel(connection: Connection): AuditEventModel {
  return connection.model<AuditEventFields>('AuditEvent', auditEventSchema);
}

export function toPublicAuditEvent(event: AuditEventDocument) {
  return {
    id: event.id as string,
    type: event.type,
    userId: event.userId,
    actorId: event.actorId,
    email: event.email,
    ip: event.ip,
    details: event.details,
    createdAt: event.createdAt.toISOString(),
  };
}
