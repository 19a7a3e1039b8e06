/** Follows: one document per (follower, followed) pair of auth-service user ids. */
import { Schema, type Connection, type InferRawDocTypeFromSchema } from 'mongoose';

const followSchema = new Schema(
  {
    followerId: { type: String, required: true },
    followeeId: { type: String, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false, strict: 'throw' },
);
followSchema.index({ followerId: 1, followeeId: 1 }, { unique: true });
followSchema.index({ followeeId: 1 });

/** A stored follow as `.lean()` reads it. */
export type FollowRecord = InferRawDocTypeFromSchema<typeof followSchema>;

export function createFollowModel(connection: Connection) {
  return connection.model('Follow', followSchema);
}

export type FollowModel = ReturnType<typeof createFollowModel>;
