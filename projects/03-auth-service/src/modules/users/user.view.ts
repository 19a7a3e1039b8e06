/** What the API shows of a user: never the hash or the lockout counters. */
import type { UserRecord } from './user.model.js';
import type { Profile, PublicUser } from './user.schemas.js';

export function toPublicUser(user: UserRecord): PublicUser {
  return {
    id: user._id.toString(),
    email: user.email,
    name: user.name,
    username: user.username ?? null,
    bio: user.bio ?? null,
    image: user.image ?? null,
    role: user.role,
    emailVerified: user.emailVerified,
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

/** The public face of a user: what anyone may read by username or id (never the email). */
export function toProfile(user: UserRecord): Profile {
  return { id: user._id.toString(), username: user.username ?? null, bio: user.bio ?? null, image: user.image ?? null };
}
