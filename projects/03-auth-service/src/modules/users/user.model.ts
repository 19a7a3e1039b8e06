/** Users: a unique normalised email, a bcrypt hash, a role, and the account-wide lockout counters. */
import { ROLES } from '@roadmap/auth';
import { Schema, type Connection, type InferRawDocTypeFromSchema, type InferSchemaType, type Model } from 'mongoose';

const userSchema = new Schema(
  {
    email: { type: String, required: true, trim: true, lowercase: true, maxlength: 254 },
    name: { type: String, required: true, trim: true, maxlength: 100 },
    passwordHash: { type: String, required: true },
    role: { type: String, enum: ROLES, default: 'user', required: true },
    emailVerified: { type: Boolean, default: false },
    disabled: { type: Boolean, default: false },
    /** Failed logins from any IP since the last success, lockout or quiet period. */
    failedLoginCount: { type: Number, default: 0 },
    lastFailedLoginAt: { type: Date, default: null },
    /** Lockouts since the last quiet period: the escalation level. */
    lockoutCount: { type: Number, default: 0 },
    lockUntil: { type: Date, default: null },
  },
  { timestamps: true, strict: 'throw' },
);
userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ createdAt: -1, _id: -1 });

export type UserModel = Model<InferSchemaType<typeof userSchema>>;
/** A stored user as `.lean()` reads it. */
export type UserRecord = InferRawDocTypeFromSchema<typeof userSchema>;

export function createUserModel(connection: Connection): UserModel {
  return connection.model('User', userSchema);
}
