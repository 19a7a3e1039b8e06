/** Favorites: one document per (user, post) pair; a post's favorites count is counted from them. */
import { Schema, type Connection, type InferRawDocTypeFromSchema } from 'mongoose';

const favoriteSchema = new Schema(
  {
    userId: { type: String, required: true },
    post: { type: Schema.Types.ObjectId, ref: 'Post', required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false, strict: 'throw' },
);
favoriteSchema.index({ userId: 1, post: 1 }, { unique: true });
favoriteSchema.index({ post: 1 });

/** A stored favorite as `.lean()` reads it. */
export type FavoriteRecord = InferRawDocTypeFromSchema<typeof favoriteSchema>;

export function createFavoriteModel(connection: Connection) {
  return connection.model('Favorite', favoriteSchema);
}

export type FavoriteModel = ReturnType<typeof createFavoriteModel>;
