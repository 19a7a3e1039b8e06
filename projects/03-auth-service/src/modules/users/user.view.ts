/** What the API shows of a user: never the hash or the lockout counters. */
import type { UserRecord } from './user.model.js';
import type { PublicUser } from './user.schemas.js';

export function toPublicUser(user: UserRecord): PublicUser {
  return {
    id: user._id.toString(),
    email: user.email,
    name: user.name,
    role: user.role,
    emailVerified: user.emailVerified,
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
