/**
 * Sessions are refresh-token families. Each refresh token is stored only as a SHA-256 hash, used
 * once, and points at the family it belongs to; presenting a used one again revokes the family.
 */
import { Schema, type Types, type Connection, type HydratedDocument, type Model } from 'mongoose';

export interface SessionFields {
  userId: Types.ObjectId;
  userAgent: string;
  ip: string;
  createdAt: Date;
  lastUsedAt: Date;
  /** The family dies at this time whatever happens; expiry is enforced in queries, not by a TTL index. */
  expiresAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
}

export interface RefreshTokenFields {
  tokenHash: string;
  sessionId: Types.ObjectId;
  userId: Types.ObjectId;
  createdAt: Date;
  /** Set by the one rotation that consumed this token (compare-and-swap on `usedAt: null`). */
  usedAt: Date | null;
  /** The token issued in exchange, for the optional reuse grace window. */
  replacedByHash: string | null;
}

export type SessionDocument = HydratedDocument<SessionFields>;
export type SessionModel = Model<SessionFields>;
export type RefreshTokenModel = Model<RefreshTokenFields>;

const sessionSchema = new Schema<SessionFields>(
  {
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    userAgent: { type: String, default: '' },
    ip: { type: String, default: '' },
    createdAt: { type: Date, required: true },
    lastUsedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
    revokedReason: { type: String, default: null },
  },
  { strict: 'throw' },
);
sessionSchema.index({ userId: 1, revokedAt: 1 });
// The data-retention job looks ended families up by these dates.
sessionSchema.index({ expiresAt: 1 });
sessionSchema.index({ revokedAt: 1 });

const refreshTokenSchema = new Schema<RefreshTokenFields>(
  {
    tokenHash: { type: String, required: true },
    sessionId: { type: Schema.Types.ObjectId, ref: 'Session', required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
    replacedByHash: { type: String, default: null },
  },
  { strict: 'throw' },
);
refreshTokenSchema.index({ tokenHash: 1 }, { unique: true });
refreshTokenSchema.index({ sessionId: 1 });

export function createSessionModels(connection: Connection): {
  Session: SessionModel;
  RefreshToken: RefreshTokenModel;
} {
  return {
    Session: connection.model<SessionFields>('Session', sessionSchema),
    RefreshToken: connection.model<RefreshTokenFields>('RefreshToken', refreshTokenSchema),
  };
}

export function toPublicSession(session: SessionDocument, currentSessionId?: string) {
  return {
    id: session.id as string,
    userAgent: session.userAgent,
    ip: session.ip,
    createdAt: session.createdAt.toISOString(),
    lastUsedAt: session.lastUsedAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    current: session.id === currentSessionId,
  };
}
