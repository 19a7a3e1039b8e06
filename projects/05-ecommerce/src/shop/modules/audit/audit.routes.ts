/** GET /admin/audit: the audit trail, newest first, filtered by actor, action or target. */
import { validate } from '@roadmap/core';
import { Router, type RequestHandler } from 'express';
import { createAuditController } from './audit.controller.js';
import { AuditListQuerySchema } from './audit.schemas.js';
import type { AuditLog } from './audit.service.js';

export function auditAdminRoutes(audit: AuditLog, admin: RequestHandler[]): Router {
  const controller = createAuditController(audit);
  const router = Router();
  router.use('/audit', ...admin);
  router.get('/audit', validate({ query: AuditListQuerySchema }), controller.list);
  return router;
}
