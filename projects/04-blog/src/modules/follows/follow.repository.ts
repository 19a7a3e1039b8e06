/** The only code that queries the follows collection. Following twice is one upsert, so it is idempotent. */
import type { Connection } from 'mongoose';
import { createFollowModel, type FollowModel } from './follow.model.js';

export class FollowRepository {
  private readonly follows: FollowModel;

  constructor(connection: Connection) {
    this.follows = createFollowModel(connection);
  }

  async follow(followerId: string, followeeId: string): Promise<void> {
    await this.follows.updateOne(
      { followerId, followeeId },
      { $setOnInsert: { followerId, followeeId } },
      { upsert: true },
    );
  }

  async unfollow(followerId: string, followeeId: string): Promise<void> {
    await this.follows.deleteOne({ followerId, followeeId });
  }

  /** Which of `followeeIds` the follower follows. */
  async followedAmong(followerId: string, followeeIds: string[]): Promise<Set<string>> {
    if (followeeIds.length === 0) return new Set();
    const docs = await this.follows
      .find({ followerId, followeeId: { $in: followeeIds } }, { followeeId: 1 })
      .lean<{ followeeId: string }[]>();
    return new Set(docs.map((doc) => doc.followeeId));
  }

  /** Everyone the follower follows. */
  async followeesOf(followerId: string): Promise<string[]> {
    const docs = await this.follows.find({ followerId }, { followeeId: 1 }).lean<{ followeeId: string }[]>();
    return docs.map((doc) => doc.followeeId);
  }

  async ensureIndexes(): Promise<void> {
    await this.follows.createIndexes();
  }
}
