/** HTTP <-> UserAdminService and the audit log, for admins. */
import { currentUser } from '@roadmap/auth';
import type { Request, Response } from 'express';
import { clientInfo } from '../../http/client-info.js';
import type { AuditListQuery } from '../audit/audit.schemas.js';
import type { AuditLog } from '../audit/audit.service.js';
import type { RoleChangeBody, UserIdParams, UserListQuery } from './user.schemas.js';
import type { UserAdminService } from './user.service.js';

type Empty = Record<string, never>;

export function createUserAdminController(service: UserAdminService, audit: AuditLog) {
  return {
    async list(req: Request<Empty, unknown, unknown, UserListQuery>, res: Response) {
      res.json(await service.list(req.query));
    },
    async changeRole(req: Request<UserIdParams, unknown, RoleChangeBody>, res: Response) {
      const user = await service.changeRole(currentUser(req).id, req.params.id, req.body.role, clientInfo(req));
      res.json({ user });
    },
    async disable(req: Request<UserIdParams>, res: Response) {
      res.json({ user: await service.setDisabled(currentUser(req).id, req.params.id, true, clientInfo(req)) });
    },
    async enable(req: Request<UserIdParams>, res: Response) {
      res.json({ user: await service.setDisabled(currentUser(req).id, req.params.id, false, clientInfo(req)) });
    },
    async auditEvents(req: Request<Empty, unknown, unknown, AuditListQuery>, res: Response) {
      res.json(await audit.list(req.query));
    },
  };
}
