/**
 * What admins do to users: list and search, change a role, disable or enable. Disabling revokes
 * every session, so the user's tokens stop working at the next refresh at the latest.
 */
import type { Role } from '@roadmap/auth';
import { ConflictError, mapPage, NotFoundError, type Page } from '@roadmap/core';
import type { AuditLog, ClientInfo } from '../audit/index.js';
import type { UserRepository } from './user.repository.js';
import type { PublicUser, UserListQuery } from './user.schemas.js';
import { toPublicUser } from './user.view.js';

/** Ends every session of a user (the sessions feature does it), answering how many. */
export interface SessionRevoker {
  revokeAll(userId: string, reason: string): Promise<number>;
}

export interface UserAdminServiceDeps {
  users: UserRepository;
  sessions: SessionRevoker;
  audit: AuditLog;
}

export class UserAdminService {
  constructor(private readonly deps: UserAdminServiceDeps) {}

  async list(query: UserListQuery): Promise<Page<PublicUser>> {
    const page = await this.deps.users.page({ text: query.q, role: query.role }, query, query.sort);
    return mapPage(page, toPublicUser);
  }

  async changeRole(actorId: string, userId: string, role: Role, client: ClientInfo): Promise<PublicUser> {
    if (actorId === userId) throw new ConflictError('Admins cannot change their own role; ask another admin.');
    const before = await this.deps.users.setRole(userId, role);
    if (!before) throw new NotFoundError('No user has this id.');
    await this.deps.audit.record(
      'role.changed',
      { userId, actorId, ip: client.ip, details: { from: before.role, to: role } },
      client.log,
    );
    const user = await this.deps.users.findById(userId);
    if (!user) throw new NotFoundError('No user has this id.');
    return toPublicUser(user);
  }

  async setDisabled(actorId: string, userId: string, disabled: boolean, client: ClientInfo): Promise<PublicUser> {
    if (actorId === userId) throw new ConflictError('Admins cannot disable or enable themselves.');
    const updated = await this.deps.users.update(userId, { disabled });
    if (!updated) throw new NotFoundError('No user has this id.');
    const revoked = disabled ? await this.deps.sessions.revokeAll(userId, 'user disabled') : 0;
    await this.deps.audit.record(
      disabled ? 'user.disabled' : 'user.enabled',
      { userId, actorId, ip: client.ip, details: { sessionsRevoked: revoked } },
      client.log,
    );
    return toPublicUser(updated);
  }
}
