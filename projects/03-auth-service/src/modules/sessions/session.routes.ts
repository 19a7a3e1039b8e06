/** The caller's sessions, under /api/v1/auth/sessions: list them, revoke one. Both need an access token. */
import { requireAuth, type AccessTokenVerifier } from '@roadmap/auth';
import { IdParamsSchema, validate } from '@roadmap/core';
import { Router } from 'express';
import { createSessionController } from './session.controller.js';
import type { SessionService } from './session.service.js';

export function sessionRoutes(sessions: SessionService, verifier: AccessTokenVerifier): Router {
  const controller = createSessionController(sessions);
  const router = Router();
  router.use(requireAuth(verifier));
  router.get('/', controller.list);
  router.delete('/:id', validate({ params: IdParamsSchema }), controller.revoke);
  return router;
}
