/**
 * What admins do to users: list and search, change a role, disable or enable. Disabling revokes
 * every session, so the user's tokens stop working at the next refresh at the latest.
 */
import type { Role } from '@roadmap/auth';
import { ConflictError, escapeRegExp, NotFoundError, pageOffset, toMongoSort, toPage, type Page } from '@roadmap/core';
import type { AuditLog } from '../audit/audit.service.js';
import type { ClientInfo, SessionService } from '../sessions/session.service.js';
import { toPublicUser, type PublicUser, type UserModel } from './user.model.js';
import type { UserListQuery } from './user.schemas.js';

export class UserAdminService {
  constructor(
    private readonly User: UserModel,
    private readonly sessions: SessionService,
    private readonly audit: AuditLog,
  ) {}

  async list(query: UserListQuery): Promise<Page<PublicUser>> {
    const search = query.q ? new RegExp(escapeRegExp(query.q), 'i') : undefined;
    const filter = {
      ...(search ? { $or: [{ email: search }, { name: search }] } : {}),
      ...(query.role ? { role: query.role } : {}),
    };
    const [users, total] = await Promise.all([
      this.User.find(filter).sort(toMongoSort(query.sort)).skip(pageOffset(query)).limit(query.limit),
      this.User.countDocuments(filter),
    ]);
    return toPage(users.map(toPublicUser), query, total);
  }

  async changeRole(actorId: string, userId: string, role: Role, client: ClientInfo): Promise<PublicUser> {
    if (actorId === userId) throw new ConflictError('Admins cannot change their own role; ask another admin.');
    const before = await this.User.findOneAndUpdate({ _id: userId }, { $set: { role } });
    if (!before) throw new NotFoundError('No user has this id.');
    await this.audit.record(
      'role.changed',
      { userId, actorId, ip: client.ip, details: { from: before.role, to: role } },
      client.log,
    );
    return this.publicUser(userId);
  }

  async setDisabled(actorId: string, userId: string, disabled: boolean, client: ClientInfo): Promise<PublicUser> {
    if (actorId === userId) throw new ConflictError('Admins cannot disable or enable themselves.');
    const updated = await this.User.findOneAndUpdate(
      { _id: userId },
      { $set: { disabled } },
      { returnDocument: 'after' },
    );
    if (!updated) throw new NotFoundError('No user has this id.');
    const revoked = disabled ? await this.sessions.revokeAll(userId, 'user disabled') : 0;
    await this.audit.record(
      disabled ? 'user.disabled' : 'user.enabled',
      { userId, actorId, ip: client.ip, details: { sessionsRevoked: revoked } },
      client.log,
    );
    return toPublicUser(updated);
  }

  private async publicUser(userId: string): Promise<PublicUser> {
    const user = await this.User.findById(userId);
    if (!user) throw new NotFoundError('No user has this id.');
    return toPublicUser(user);
  }
}
