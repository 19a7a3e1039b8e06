/** HTTP <-> UserAdminService and the audit log, for admins. */
import { currentUser } from '@roadmap/auth';
import type { IdParams, NoParams } from '@roadmap/core';
import type { Request, Response } from 'express';
import { clientInfo, type AuditListQuery, type AuditLog } from '../audit/index.js';
import type { RoleChangeBody, UserListQuery } from './user.schemas.js';
import type { UserAdminService } from './user.service.js';

export function createUserAdminController(service: UserAdminService, audit: AuditLog) {
  return {
    async list(req: Request<NoParams, unknown, unknown, UserListQuery>, res: Response) {
      res.json(await service.list(req.query));
    },
    async changeRole(req: Request<IdParams, unknown, RoleChangeBody>, res: Response) {
      const user = await service.changeRole(currentUser(req).id, req.params.id, req.body.role, clientInfo(req));
      res.json({ user });
    },
    async disable(req: Request<IdParams>, res: Response) {
      res.json({ user: await service.setDisabled(currentUser(req).id, req.params.id, true, clientInfo(req)) });
    },
    async enable(req: Request<IdParams>, res: Response) {
      res.json({ user: await service.setDisabled(currentUser(req).id, req.params.id, false, clientInfo(req)) });
    },
    async auditEvents(req: Request<NoParams, unknown, unknown, AuditListQuery>, res: Response) {
      res.json(await audit.list(req.query));
    },
  };
}
