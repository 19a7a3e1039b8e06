/**
 * Second-factor paths. Under /api/v1/auth: finishing a sign-in with its ticket and a second factor,
 * and signing in with a passkey alone (limited per address, like login). Under /api/v1/auth/mfa: the
 * caller's factors and step-up. A user who must still enrol may read the status and set up an app.
 */
import { requireAuth, type AccessTokenVerifier } from '@roadmap/auth';
import { validate } from '@roadmap/core';
import { Router, type RequestHandler } from 'express';
import { createMfaController, type MfaControllerDeps } from './mfa.controller.js';
import {
  ConfirmTotpBodySchema,
  MfaLoginBodySchema,
  MfaTicketBodySchema,
  PasskeyLoginBodySchema,
  StepUpBodySchema,
} from './mfa.schemas.js';

export interface MfaAccess {
  verifier: AccessTokenVerifier;
  enrolmentVerifier: AccessTokenVerifier;
  /** Per-address limit of second-factor and passkey attempts. */
  limit: RequestHandler;
}

export function mfaLoginRoutes(deps: MfaControllerDeps, limit: RequestHandler): Router {
  const controller = createMfaController(deps);
  const router = Router();
  router.post('/login/mfa', limit, validate({ body: MfaLoginBodySchema }), controller.completeLogin);
  router.post(
    '/login/mfa/passkey-options',
    limit,
    validate({ body: MfaTicketBodySchema }),
    controller.ticketPasskeyOptions,
  );
  router.post('/login/passkey/options', limit, controller.passkeyOptions);
  router.post('/login/passkey', limit, validate({ body: PasskeyLoginBodySchema }), controller.passkeyLogin);
  return router;
}

export function mfaRoutes(deps: MfaControllerDeps, { limit, verifier, enrolmentVerifier }: MfaAccess): Router {
  const controller = createMfaController(deps);
  const auth = requireAuth(verifier);
  const enrolling = requireAuth(enrolmentVerifier);
  const router = Router();
  router.get('/', enrolling, controller.status);
  router.post('/totp', enrolling, controller.startTotp);
  router.post('/totp/confirm', enrolling, validate({ body: ConfirmTotpBodySchema }), controller.confirmTotp);
  router.delete('/totp', auth, controller.disableTotp);
  router.post('/recovery-codes', auth, controller.regenerateRecoveryCodes);
  router.post('/step-up/passkey-options', auth, limit, controller.stepUpPasskeyOptions);
  router.post('/step-up', auth, limit, validate({ body: StepUpBodySchema }), controller.stepUp);
  return router;
}
