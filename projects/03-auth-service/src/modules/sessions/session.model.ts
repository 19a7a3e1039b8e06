/**
 * Sessions are refresh-token families. Each refresh token is stored only as a SHA-256 hash, used
 * once, and points at the family it belongs to; presenting a used one again revokes the family.
 */
import { Schema, type Connection, type InferRawDocTypeFromSchema, type InferSchemaType, type Model } from 'mongoose';

const sessionSchema = new Schema(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    userAgent: { type: String, default: '' },
    ip: { type: String, default: '' },
    createdAt: { type: Date, required: true },
    lastUsedAt: { type: Date, required: true },
    /** The family dies at this time whatever happens; expiry is enforced in queries, not by a TTL index. */
    expiresAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
    revokedReason: { type: String, default: null },
    /**
     * How the user proved who they are when the session began (RFC 8176 `amr` values) and when:
     * every access token of the session carries them, refresh never changes them. Sessions from
     * before they were recorded read as a password sign-in at `createdAt`.
     */
    amr: { type: [String], default: undefined },
    authTime: { type: Date },
  },
  { strict: 'throw' },
);
sessionSchema.index({ userId: 1, revokedAt: 1 });
// The data-retention job looks ended families up by these dates.
sessionSchema.index({ expiresAt: 1 });
sessionSchema.index({ revokedAt: 1 });

const refreshTokenSchema = new Schema(
  {
    tokenHash: { type: String, required: true },
    sessionId: { type: Schema.Types.ObjectId, ref: 'Session', required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
    /** Set by the one rotation that consumed this token (compare-and-swap on `usedAt: null`). */
    usedAt: { type: Date, default: null },
    /** The token issued in exchange, for the optional reuse grace window. */
    replacedByHash: { type: String, default: null },
  },
  { strict: 'throw' },
);
refreshTokenSchema.index({ tokenHash: 1 }, { unique: true });
refreshTokenSchema.index({ sessionId: 1 });

export type SessionModel = Model<InferSchemaType<typeof sessionSchema>>;
export type RefreshTokenModel = Model<InferSchemaType<typeof refreshTokenSchema>>;
/** A stored session (refresh-token family) as `.lean()` reads it. */
export type SessionRecord = InferRawDocTypeFromSchema<typeof sessionSchema>;
export type RefreshTokenRecord = InferRawDocTypeFromSchema<typeof refreshTokenSchema>;

export function createSessionModel(connection: Connection): SessionModel {
  return connection.model('Session', sessionSchema);
}

export function createRefreshTokenModel(connection: Connection): RefreshTokenModel {
  return connection.model('RefreshToken', refreshTokenSchema);
}
