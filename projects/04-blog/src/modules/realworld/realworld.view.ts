/** The blog's stored posts and comments, and the auth service's accounts, in RealWorld's shapes. */
import type { PostRecord } from '../posts/index.js';
import type { AuthAccount, AuthProfile } from './auth-service.client.js';
import type {
  Article,
  ArticleSummary,
  RealWorldComment,
  RealWorldProfile,
  RealWorldUser,
} from './realworld.schemas.js';

/** An account without a username (made before usernames existed) is shown by its id. */
export function toRealWorldProfile(
  userId: string,
  profile: AuthProfile | undefined,
  following: boolean,
): RealWorldProfile {
  return {
    username: profile?.username ?? userId,
    bio: profile?.bio ?? null,
    image: profile?.image ?? null,
    following,
  };
}

export function toRealWorldUser(account: AuthAccount, token: string): RealWorldUser {
  return {
    email: account.email,
    token,
    username: account.username ?? account.id,
    bio: account.bio ?? null,
    image: account.image ?? null,
  };
}

/** An article as lists show it: no body; tags in alphabetical order, as RealWorld's suite expects. */
export function toArticleSummary(
  post: PostRecord,
  author: RealWorldProfile,
  favorites: { favorited: boolean; count: number },
): ArticleSummary {
  return {
    slug: post.slug,
    title: post.title,
    description: post.excerpt ?? '',
    tagList: [...post.tags].sort(),
    createdAt: post.createdAt.toISOString(),
    updatedAt: post.updatedAt.toISOString(),
    favorited: favorites.favorited,
    favoritesCount: favorites.count,
    author,
  };
}

export function toArticle(
  post: PostRecord,
  author: RealWorldProfile,
  favorites: { favorited: boolean; count: number },
): Article {
  return { ...toArticleSummary(post, author, favorites), body: post.body ?? '' };
}

/** Comments are never edited, so `updatedAt` is when it was written. */
export function toRealWorldComment(
  comment: { id: string; body: string; createdAt: string },
  author: RealWorldProfile,
): RealWorldComment {
  return { id: comment.id, body: comment.body, createdAt: comment.createdAt, updatedAt: comment.createdAt, author };
}
