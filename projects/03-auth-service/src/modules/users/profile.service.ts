/** Public profiles: a user's username, bio and image, looked up by username or by ids (other services show authors). */
import { NotFoundError } from '@roadmap/core';
import type { UserRepository } from './user.repository.js';
import type { Profile } from './user.schemas.js';
import { toProfile } from './user.view.js';

export class ProfileService {
  constructor(private readonly users: UserRepository) {}

  async byUsername(username: string): Promise<Profile> {
    const user = await this.users.findByUsername(username);
    if (!user || user.disabled) throw new NotFoundError(`No user is called "${username}".`);
    return toProfile(user);
  }

  /** The profiles of these ids that exist, in the order asked. */
  async byIds(ids: string[]): Promise<Profile[]> {
    const found = new Map((await this.users.findByIds(ids)).map((user) => [user._id.toString(), toProfile(user)]));
    return ids.flatMap((id) => found.get(id) ?? []);
  }
}
