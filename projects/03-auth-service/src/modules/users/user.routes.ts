/** Admin-only paths under /api/v1/admin: every route needs a valid token with the admin role. */
import { requireAuth, requireRole, type AccessTokenVerifier } from '@roadmap/auth';
import { IdParamsSchema, validate } from '@roadmap/core';
import { Router, type RequestHandler } from 'express';
import { AuditListQuerySchema, type AuditLog } from '../audit/index.js';
import { createUserAdminController } from './user.controller.js';
import { RoleChangeBodySchema, UserListQuerySchema } from './user.schemas.js';
import type { UserAdminService } from './user.service.js';

/** `stepUp` guards role changes: a second factor proven recently (requireMfa), checked after validation. */
export function adminRoutes(
  service: UserAdminService,
  audit: AuditLog,
  verifier: AccessTokenVerifier,
  stepUp: RequestHandler,
): Router {
  const controller = createUserAdminController(service, audit);
  const router = Router();
  router.use(requireAuth(verifier), requireRole('admin'));
  router.get('/users', validate({ query: UserListQuerySchema }), controller.list);
  router.patch(
    '/users/:id/role',
    validate({ params: IdParamsSchema, body: RoleChangeBodySchema }),
    stepUp,
    controller.changeRole,
  );
  router.post('/users/:id/disable', validate({ params: IdParamsSchema }), controller.disable);
  router.post('/users/:id/enable', validate({ params: IdParamsSchema }), controller.enable);
  router.get('/audit-events', validate({ query: AuditListQuerySchema }), controller.auditEvents);
  return router;
}
