/**
 * Users: a unique normalised email, a bcrypt hash and a role (failed-login counters live in Redis),
 * and a public profile: a unique username, a bio and an image URL (what RealWorld clients show).
 */
import { ROLES } from '@roadmap/auth';
import { Schema, type Connection, type InferRawDocTypeFromSchema, type InferSchemaType, type Model } from 'mongoose';

const userSchema = new Schema(
  {
    email: { type: String, required: true, trim: true, lowercase: true, maxlength: 254 },
    name: { type: String, required: true, trim: true, maxlength: 100 },
    /** Unique when set; accounts made before usernames existed have none until they pick one. */
    username: { type: String, trim: true, maxlength: 40 },
    bio: { type: String, default: null, maxlength: 1000 },
    image: { type: String, default: null, maxlength: 500 },
    passwordHash: { type: String, required: true },
    role: { type: String, enum: ROLES, default: 'user', required: true },
    emailVerified: { type: Boolean, default: false },
    disabled: { type: Boolean, default: false },
  },
  { timestamps: true, strict: 'throw' },
);
userSchema.index({ email: 1 }, { unique: true });
// Sparse, not partial: FerretDB v1 has no partial indexes, and older accounts have no username.
userSchema.index({ username: 1 }, { unique: true, sparse: true });
userSchema.index({ createdAt: -1, _id: -1 });

export type UserModel = Model<InferSchemaType<typeof userSchema>>;
/** A stored user as `.lean()` reads it. */
export type UserRecord = InferRawDocTypeFromSchema<typeof userSchema>;

export function createUserModel(connection: Connection): UserModel {
  return connection.model('User', userSchema);
}
