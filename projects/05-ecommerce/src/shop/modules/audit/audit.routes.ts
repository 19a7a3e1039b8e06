/** GET /admin/audit: the audit trail, newest first, filtered by actor, action or target. */
import { validate } from '@roadmap/core';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { AuditListQuerySchema, type AuditListQuery } from './audit.schemas.js';
import type { AuditLog } from './audit.service.js';

export function auditAdminRoutes(audit: AuditLog, admin: RequestHandler[]): Router {
  const router = Router();
  router.use('/audit', ...admin);
  router.get(
    '/audit',
    validate({ query: AuditListQuerySchema }),
    async (req: Request<Record<string, string>, unknown, unknown, AuditListQuery>, res: Response) => {
      res.json(await audit.list(req.query));
    },
  );
  return router;
}
