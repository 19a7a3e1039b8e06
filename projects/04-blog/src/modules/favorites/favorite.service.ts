/** Favorites of posts by readers: who favorited what, and how many favorites each post has. */
import type { FavoriteRepository } from './favorite.repository.js';

export interface FavoriteSummary {
  /** Favorites per post id (absent: none). */
  counts: Map<string, number>;
  /** The post ids the reader favorited. */
  mine: Set<string>;
}

export class FavoriteService {
  constructor(private readonly favorites: FavoriteRepository) {}

  async favorite(userId: string, postId: string): Promise<void> {
    await this.favorites.add(userId, postId);
  }

  async unfavorite(userId: string, postId: string): Promise<void> {
    await this.favorites.remove(userId, postId);
  }

  /** Counts for `postIds`, and which of them the reader favorited (none for an anonymous reader). */
  async summarize(readerId: string | undefined, postIds: string[]): Promise<FavoriteSummary> {
    const [counts, mine] = await Promise.all([
      this.favorites.countsFor(postIds),
      readerId === undefined ? Promise.resolve(new Set<string>()) : this.favorites.favoritedAmong(readerId, postIds),
    ]);
    return { counts, mine };
  }

  async postIdsFavoritedBy(userId: string): Promise<string[]> {
    return this.favorites.postIdsOf(userId);
  }

  async postDeleted(postId: string): Promise<void> {
    await this.favorites.deleteAllOfPost(postId);
  }
}
