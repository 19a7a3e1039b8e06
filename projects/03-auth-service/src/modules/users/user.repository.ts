/**
 * The only code that queries the users collection: accounts, their profile and role, and the
 * account-wide failed-login counters (each change one atomic update, safe under concurrent logins).
 */
import type { Role } from '@roadmap/auth';
import { escapeRegExp, findPage, type Page, type PageRequest, type SortSpec } from '@roadmap/core';
import { type Types, type Connection } from 'mongoose';
import { createUserModel, type UserModel, type UserRecord } from './user.model.js';

type UserId = Types.ObjectId | string;

const OBJECT_ID = /^[a-f0-9]{24}$/i;

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
}

/** The fields a seeded demo account is reset to. */
export type SeededUser = NewUser & { role: Role };

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

  /** Sets the given profile fields; the updated user, or null when it is gone. */
  async update(
    id: UserId,
    changes: Partial<Pick<UserRecord, 'name' | 'passwordHash' | 'emailVerified' | 'role' | 'disabled'>>,
  ): Promise<UserRecord | null> {
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
          failedLoginCount: 0,
          lockoutCount: 0,
          lockUntil: null,
        },
      },
      { upsert: true },
    );
  }

  /** Clears the account's failed-login counters and lock (after a success or a password reset). */
  async clearLoginFailures(id: UserId): Promise<void> {
    await this.users.updateOne(
      { _id: id },
      { $set: { failedLoginCount: 0, lockoutCount: 0, lockUntil: null, lastFailedLoginAt: null } },
    );
  }

  /**
   * Counts one failed login at `now`; a quiet period since the last failure (before `quietSince`)
   * starts the counters and the escalation over first. Answers the counters after this failure.
   */
  async countLoginFailure(
    id: UserId,
    now: Date,
    quietSince: Date,
  ): Promise<Pick<UserRecord, 'failedLoginCount' | 'lockoutCount'> | null> {
    await this.users.updateOne(
      { _id: id, lastFailedLoginAt: { $lt: quietSince } },
      { $set: { failedLoginCount: 0, lockoutCount: 0 } },
    );
    return this.users
      .findOneAndUpdate(
        { _id: id },
        { $inc: { failedLoginCount: 1 }, $set: { lastFailedLoginAt: now } },
        { returnDocument: 'after' },
      )
      .lean<UserRecord>();
  }

  /**
   * Locks the account until `lockUntil` if its failure count is still `failedLoginCount`, so that
   * concurrent failures lock once, not twice. True when this call locked it.
   */
  async lockAccount(id: UserId, failedLoginCount: number, lockUntil: Date): Promise<boolean> {
    const locked = await this.users.updateOne(
      { _id: id, failedLoginCount },
      { $set: { failedLoginCount: 0, lockUntil }, $inc: { lockoutCount: 1 } },
    );
    return locked.modifiedCount === 1;
  }

  async ensureIndexes(): Promise<void> {
    await this.users.createIndexes();
  }
}
