/**
 * RealWorld users and profiles. Accounts live in the auth service only: registering, logging in and
 * changing the account are calls to it, and `token` is its own access token, trusted by every project.
 */
import { NotFoundError } from '@roadmap/core';
import type { FollowService } from '../follows/index.js';
import type { AccountChanges, AuthServiceClient, CallerAddress } from './auth-service.client.js';
import type {
  LoginRequest,
  RealWorldProfile,
  RealWorldUser,
  RegisterRequest,
  UpdateUserRequest,
} from './realworld.schemas.js';
import { toRealWorldProfile, toRealWorldUser } from './realworld.view.js';

export class RealWorldUserService {
  constructor(
    private readonly auth: AuthServiceClient,
    private readonly follows: FollowService,
  ) {}

  /** Registers on the auth service, then logs in there for the token. */
  async register(input: RegisterRequest['user'], from: CallerAddress): Promise<RealWorldUser> {
    await this.auth.register(input, from);
    return this.login({ email: input.email, password: input.password }, from);
  }

  async login(input: LoginRequest['user'], from: CallerAddress): Promise<RealWorldUser> {
    const { token, account } = await this.auth.login(input, from);
    return toRealWorldUser(account, token);
  }

  async current(token: string): Promise<RealWorldUser> {
    return toRealWorldUser(await this.auth.me(token), token);
  }

  /**
   * Email, username, bio and image go to the auth service. A password is not changed here (the schema
   * takes only an empty one): the auth service asks for the current one first, which RealWorld's request
   * does not carry.
   */
  async update(token: string, input: UpdateUserRequest['user']): Promise<RealWorldUser> {
    const changes: AccountChanges = {};
    if (input.email !== undefined) changes.email = input.email;
    if (input.username !== undefined) changes.username = input.username;
    if (input.bio !== undefined) changes.bio = input.bio;
    if (input.image !== undefined) changes.image = input.image;
    const account =
      Object.keys(changes).length > 0 ? await this.auth.updateMe(token, changes) : await this.auth.me(token);
    return toRealWorldUser(account, token);
  }

  async profile(readerId: string | undefined, username: string): Promise<RealWorldProfile> {
    const profile = await this.findProfile(username);
    const followed = await this.follows.followedAmong(readerId, [profile.id]);
    return toRealWorldProfile(profile.id, profile, followed.has(profile.id));
  }

  async follow(readerId: string, username: string): Promise<RealWorldProfile> {
    const profile = await this.findProfile(username);
    await this.follows.follow(readerId, profile.id);
    return toRealWorldProfile(profile.id, profile, true);
  }

  async unfollow(readerId: string, username: string): Promise<RealWorldProfile> {
    const profile = await this.findProfile(username);
    await this.follows.unfollow(readerId, profile.id);
    return toRealWorldProfile(profile.id, profile, false);
  }

  private async findProfile(username: string) {
    const profile = await this.auth.profileByUsername(username);
    if (!profile) throw new NotFoundError(`No profile is called "${username}".`);
    return profile;
  }
}
