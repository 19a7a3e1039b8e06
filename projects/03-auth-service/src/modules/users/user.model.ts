/** Users: a unique normalised email, a bcrypt hash, a role, and the account-wide lockout counters. */
import { ROLES, type Role } from '@roadmap/auth';
import { Schema, type Connection, type HydratedDocument, type Model } from 'mongoose';

export interface UserFields {
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
  emailVerified: boolean;
  disabled: boolean;
  /** Failed logins from any IP since the last success, lockout or quiet period. */
  failedLoginCount: number;
  lastFailedLoginAt: Date | null;
  /** Lockouts since the last quiet period: the escalation level. */
  lockoutCount: number;
  lockUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type UserDocument = HydratedDocument<UserFields>;
export type UserModel = Model<UserFields>;

const userSchema = new Schema<UserFields>(
  {
    email: { type: String, required: true, trim: true, lowercase: true, maxlength: 254 },
    name: { type: String, required: true, trim: true, maxlength: 100 },
    passwordHash: { type: String, required: true },
    role: { type: String, enum: ROLES, default: 'user', required: true },
    emailVerified: { type: Boolean, default: false },
    disabled: { type: Boolean, default: false },
    failedLoginCount: { type: Number, default: 0 },
    lastFailedLoginAt: { type: Date, default: null },
    lockoutCount: { type: Number, default: 0 },
    lockUntil: { type: Date, default: null },
  },
  { timestamps: true, strict: 'throw' },
);
userSchema.index({ email: 1 }, { unique: true });
userSchema.index({ createdAt: -1, _id: -1 });

export function createUserModel(connection: Connection): UserModel {
  return connection.model<UserFields>('User', userSchema);
}

/** What the API shows of a user: never the hash or the counters. */
export function toPublicUser(user: UserDocument) {
  return {
    id: user.id as string,
    email: user.email,
    name: user.name,
    role: user.role,
    emailVerified: user.emailVerified,
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

export type PublicUser = ReturnType<typeof toPublicUser>;
