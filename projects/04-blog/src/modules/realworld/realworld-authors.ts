/**
 * Authors as a reader sees them: their public profiles from the auth service (one call per list) and
 * whether the reader follows each one (one query).
 */
import type { FollowService } from '../follows/index.js';
import type { AuthServiceClient } from './auth-service.client.js';
import type { RealWorldProfile } from './realworld.schemas.js';
import { toRealWorldProfile } from './realworld.view.js';

export class AuthorDirectory {
  constructor(
    private readonly auth: AuthServiceClient,
    private readonly follows: FollowService,
  ) {}

  /** The profile of each of `userIds`, as `readerId` (or an anonymous reader) sees it. */
  async profilesFor(readerId: string | undefined, userIds: string[]): Promise<Map<string, RealWorldProfile>> {
    const ids = [...new Set(userIds)];
    if (ids.length === 0) return new Map();
    const [profiles, followed] = await Promise.all([
      this.auth.profilesByIds(ids),
      this.follows.followedAmong(readerId, ids),
    ]);
    const byId = new Map(profiles.map((profile) => [profile.id, profile]));
    return new Map(ids.map((id) => [id, toRealWorldProfile(id, byId.get(id), followed.has(id))]));
  }

  async profileFor(readerId: string | undefined, userId: string): Promise<RealWorldProfile> {
    return (await this.profilesFor(readerId, [userId])).get(userId) ?? toRealWorldProfile(userId, undefined, false);
  }
}
