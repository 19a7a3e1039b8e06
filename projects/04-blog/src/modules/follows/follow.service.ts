/** Who follows whom (by auth-service user id): the feed shows the articles of the authors a reader follows. */
import { FieldRuleError } from '@roadmap/core';
import type { FollowRepository } from './follow.repository.js';

export class FollowService {
  constructor(private readonly follows: FollowRepository) {}

  async follow(followerId: string, followeeId: string): Promise<void> {
    if (followerId === followeeId) {
      throw new FieldRuleError([{ field: 'profile', message: 'you cannot follow yourself' }]);
    }
    await this.follows.follow(followerId, followeeId);
  }

  async unfollow(followerId: string, followeeId: string): Promise<void> {
    await this.follows.unfollow(followerId, followeeId);
  }

  /** Which of `userIds` the reader follows; nobody for an anonymous reader. */
  async followedAmong(readerId: string | undefined, userIds: string[]): Promise<Set<string>> {
    return readerId === undefined ? new Set() : this.follows.followedAmong(readerId, userIds);
  }

  async followeesOf(readerId: string): Promise<string[]> {
    return this.follows.followeesOf(readerId);
  }
}
