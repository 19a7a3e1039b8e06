/**
 * The caller's passkeys under /api/v1/auth/passkeys. A user who must still enrol a second factor may
 * use these (registering a passkey is one way to enrol), so they take the enrolment verifier.
 */
import { requireAuth, type AccessTokenVerifier } from '@roadmap/auth';
import { validate } from '@roadmap/core';
import { Router } from 'express';
import { createPasskeyController } from './passkey.controller.js';
import { PasskeyIdParamsSchema, RegisterPasskeyBodySchema, RenamePasskeyBodySchema } from './passkey.schemas.js';
import type { PasskeyService } from './passkey.service.js';

export function passkeyRoutes(service: PasskeyService, enrolmentVerifier: AccessTokenVerifier): Router {
  const controller = createPasskeyController(service);
  const router = Router();
  router.use(requireAuth(enrolmentVerifier));
  router.post('/registration-options', controller.registrationOptions);
  router.post('/', validate({ body: RegisterPasskeyBodySchema }), controller.register);
  router.get('/', controller.list);
  router.patch('/:id', validate({ params: PasskeyIdParamsSchema, body: RenamePasskeyBodySchema }), controller.rename);
  router.delete('/:id', validate({ params: PasskeyIdParamsSchema }), controller.remove);
  return router;
}
