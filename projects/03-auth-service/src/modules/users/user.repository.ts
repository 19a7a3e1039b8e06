/**
 * The only code that queries the users collection: accounts, their profile and role, and the
 * account-wide failed-login counters (each change one atomic update, safe under concurrent logins).
 */
import type { Role } from '@roadmap/auth';
import { escapeRegExp, type Page, type PageRequest, type SortSpec } from '@roadmap/core';
import { findPage } from '@roadmap/core/mongo';
import { type Types, type Connection } from 'mongoose';
import { createUserModel, type UserModel, type UserRecord } from './user.model.js';

type UserId = Types.ObjectId | string;

const OBJECT_ID = /^[a-f0-9]{24}$/i;

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  /** Optional only for accounts made outside registration (benchmarks); register always sets one. */
  username?: string;
}

/** The fields a seeded demo account is reset to. */
export type SeededUser = NewUser & { role: Role };

/** What a user may change about themselves, and what admins and links change. */
export type UserChanges = Partial<
  Pick<UserRecord, 'name' | 'passwordHash' | 'emailVerified' | 'role' | 'disabled' | 'email' | 'username'> & {
    bio: string | null;
    image: string | null;
  }
>;

export class UserRepository {
  private readonly users: UserModel;

  constructor(connection: Connection) {
    this.users = createUserModel(connection);
  }

  async create(user: NewUser): Promise<UserRecord> {
    const doc = await this.users.create(user);
    return doc.toObject<UserRecord>();
  }

  /** The user with this id; null for an unknown or malformed id (a token's subject may be anything). */
  async findById(id: UserId): Promise<UserRecord | null> {
    if (typeof id === 'string' && !OBJECT_ID.test(id)) return null;
    return this.users.findById(id).lean<UserRecord>();
  }

  async findByEmail(email: string): Promise<UserRecord | null> {
    return this.users.findOne({ email }).lean<UserRecord>();
  }

  async existsWithEmail(email: string): Promise<boolean> {
    return (await this.users.exists({ email })) !== null;
  }

  async findByUsername(username: string): Promise<UserRecord | null> {
    return this.users.findOne({ username }).lean<UserRecord>();
  }

  async existsWithUsername(username: string): Promise<boolean> {
    return (await this.users.exists({ username })) !== null;
  }

  /** The usernames taken that match `pattern`, to pick the next free one. */
  async usernamesMatching(pattern: RegExp): Promise<string[]> {
    const docs = await this.users
      .find({ username: { $regex: pattern } }, { username: 1 })
      .lean<{ username?: string | null }[]>();
    return docs.flatMap((doc) => (doc.username ? [doc.username] : []));
  }

  /** The users with these ids (malformed ids are skipped), in no particular order. */
  async findByIds(ids: string[]): Promise<UserRecord[]> {
    const valid = ids.filter((id) => OBJECT_ID.test(id));
    if (valid.length === 0) return [];
    return this.users.find({ _id: { $in: valid } }).lean<UserRecord[]>();
  }

  /** Sets the given profile fields; the updated user, or null when it is gone. */
  async update(id: UserId, changes: UserChanges): Promise<UserRecord | null> {
    return this.users
      .findOneAndUpdate({ _id: id }, { $set: changes }, { returnDocument: 'after', runValidators: true })
      .lean<UserRecord>();
  }

  /** Sets the role; the user as it was before, or null when it is unknown. */
  async setRole(id: string, role: Role): Promise<UserRecord | null> {
    return this.users.findOneAndUpdate({ _id: id }, { $set: { role } }).lean<UserRecord>();
  }

  /** Search by email or name (case-insensitive) and filter by role. */
  async page(filter: { text?: string; role?: Role }, request: PageRequest, sort: SortSpec): Promise<Page<UserRecord>> {
    const search = filter.text ? new RegExp(escapeRegExp(filter.text), 'i') : undefined;
    const query = {
      ...(search ? { $or: [{ email: search }, { name: search }] } : {}),
      ...(filter.role ? { role: filter.role } : {}),
    };
    return findPage<UserRecord>(this.users, query, request, sort);
  }

  /** Creates or resets a demo account by email (the seed). */
  async upsertSeeded(user: SeededUser): Promise<void> {
    await this.users.updateOne(
      { email: user.email },
      {
        $set: {
          ...user,
          emailVerified: true,
          disabled: false,
        },
      },
      { upsert: true },
    );
  }

  async ensureIndexes(): Promise<void> {
    await this.users.createIndexes();
  }
}
