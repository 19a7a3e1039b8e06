/** Users: a unique normalised email, a bcrypt hash and a role (failed-login counters live in Redis). */
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
