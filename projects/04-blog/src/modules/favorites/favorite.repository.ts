/**
 * The only code that queries the favorites collection. Adding is one upsert (idempotent); counts
 * come from a $match + $group, which MongoDB and FerretDB both run (no $lookup).
 */
import { Types, type Connection } from 'mongoose';
import { createFavoriteModel, type FavoriteModel } from './favorite.model.js';

export class FavoriteRepository {
  private readonly favorites: FavoriteModel;

  constructor(connection: Connection) {
    this.favorites = createFavoriteModel(connection);
  }

  async add(userId: string, postId: string): Promise<void> {
    const post = new Types.ObjectId(postId);
    await this.favorites.updateOne({ userId, post }, { $setOnInsert: { userId, post } }, { upsert: true });
  }

  async remove(userId: string, postId: string): Promise<void> {
    await this.favorites.deleteOne({ userId, post: new Types.ObjectId(postId) });
  }

  /** Which of `postIds` the user has favorited. */
  async favoritedAmong(userId: string, postIds: string[]): Promise<Set<string>> {
    if (postIds.length === 0) return new Set();
    const docs = await this.favorites
      .find({ userId, post: { $in: postIds.map((id) => new Types.ObjectId(id)) } }, { post: 1 })
      .lean<{ post: Types.ObjectId }[]>();
    return new Set(docs.map((doc) => doc.post.toString()));
  }

  /** How many users favorited each of `postIds` (absent: none). */
  async countsFor(postIds: string[]): Promise<Map<string, number>> {
    if (postIds.length === 0) return new Map();
    const rows = await this.favorites.aggregate<{ _id: Types.ObjectId; count: number }>([
      { $match: { post: { $in: postIds.map((id) => new Types.ObjectId(id)) } } },
      { $group: { _id: '$post', count: { $sum: 1 } } },
    ]);
    return new Map(rows.map((row) => [row._id.toString(), row.count]));
  }

  /** The ids of the posts the user favorited. */
  async postIdsOf(userId: string): Promise<string[]> {
    const docs = await this.favorites.find({ userId }, { post: 1 }).lean<{ post: Types.ObjectId }[]>();
    return docs.map((doc) => doc.post.toString());
  }

  async deleteAllOfPost(postId: string): Promise<void> {
    await this.favorites.deleteMany({ post: new Types.ObjectId(postId) });
  }

  async ensureIndexes(): Promise<void> {
    await this.favorites.createIndexes();
  }
}
