/** HTTP <-> AuditLog: the trail for admins. */
import type { Request, Response } from 'express';
import type { AuditListQuery } from './audit.schemas.js';
import type { AuditLog } from './audit.service.js';

export function createAuditController(audit: AuditLog) {
  return {
    async list(req: Request<Record<string, string>, unknown, unknown, AuditListQuery>, res: Response) {
      res.json(await audit.list(req.query));
    },
  };
}
