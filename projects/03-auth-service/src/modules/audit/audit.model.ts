/** Security events (failed logins and codes, lockouts, refresh reuse, factor changes, role changes), queryable by admins. */
import { Schema, type Connection, type InferRawDocTypeFromSchema, type InferSchemaType, type Model } from 'mongoose';

export const AUDIT_EVENT_TYPES = [
  'user.registered',
  'login.succeeded',
  'login.failed',
  'login.locked',
  'account.locked',
  'account.under_attack',
  'refresh.reuse_detected',
  'session.revoked',
  'sessions.revoked_all',
  'password.changed',
  'password.reset',
  'email.verified',
  'email.changed',
  'role.changed',
  'user.disabled',
  'user.enabled',
  'mfa.failed',
  'mfa.locked',
  'mfa.totp_enabled',
  'mfa.totp_disabled',
  'mfa.recovery_codes_generated',
  'mfa.recovery_code_used',
  'mfa.step_up',
  'passkey.registered',
  'passkey.removed',
  'passkey.counter_regressed',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

const auditEventSchema = new Schema(
  {
    type: { type: String, enum: AUDIT_EVENT_TYPES, required: true },
    userId: { type: String, default: null },
    actorId: { type: String, default: null },
    email: { type: String, default: null },
    ip: { type: String, default: null },
    /** Event-specific facts, e.g. `{ from: 'user', to: 'admin' }` for a role change. */
    details: { type: Schema.Types.Mixed, default: {} },
    createdAt: { type: Date, required: true },
  },
  { strict: 'throw', minimize: false },
);
auditEventSchema.index({ createdAt: -1, _id: -1 });
auditEventSchema.index({ userId: 1, createdAt: -1 });

export type AuditEventModel = Model<InferSchemaType<typeof auditEventSchema>>;
/** A stored audit event as `.lean()` reads it. */
export type AuditEventRecord = InferRawDocTypeFromSchema<typeof auditEventSchema>;

export function createAuditEventModel(connection: Connection): AuditEventModel {
  return connection.model('AuditEvent', auditEventSchema);
}
