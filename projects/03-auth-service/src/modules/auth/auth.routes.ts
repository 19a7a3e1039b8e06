/** Paths under /api/v1/auth (but /sessions) and their chains: rate limit -> auth -> validation -> controller. */
import { requireAuth, type AccessTokenVerifier } from '@roadmap/auth';
import { validate } from '@roadmap/core';
import { Router } from 'express';
import { createAuthController, type AuthControllerDeps } from './auth.controller.js';
import type { RateLimiters } from './auth.rate-limits.js';
import {
  ForgotPasswordBodySchema,
  LoginBodySchema,
  RefreshBodySchema,
  RegisterBodySchema,
  ResetPasswordBodySchema,
  UpdateMeBodySchema,
  VerifyEmailBodySchema,
} from './auth.schemas.js';

export interface AuthRoutesDeps extends AuthControllerDeps {
  verifier: AccessTokenVerifier;
  /** Also accepts the tokens of users who must still enrol a second factor (GET /me, logout-all). */
  enrolmentVerifier: AccessTokenVerifier;
  limits: RateLimiters;
}

export function authRoutes({ verifier, enrolmentVerifier, limits, ...controllerDeps }: AuthRoutesDeps): Router {
  const controller = createAuthController(controllerDeps);
  const auth = requireAuth(verifier);
  const enrolling = requireAuth(enrolmentVerifier);
  const router = Router();
  router.post('/register', limits.registerByIp, validate({ body: RegisterBodySchema }), controller.register);
  router.post('/login', limits.loginByIp, validate({ body: LoginBodySchema }), controller.login);
  router.post('/refresh', limits.refreshByIp, validate({ body: RefreshBodySchema }), controller.refresh);
  router.post('/logout', validate({ body: RefreshBodySchema }), controller.logout);
  router.post('/logout-all', enrolling, controller.logoutAll);
  router.get('/me', enrolling, controller.me);
  router.patch('/me', auth, validate({ body: UpdateMeBodySchema }), controller.updateMe);
  router.post('/verify-email', limits.emailLinkByIp, validate({ body: VerifyEmailBodySchema }), controller.verifyEmail);
  router.post('/verify-email/resend', auth, controller.resendVerification);
  router.post(
    '/forgot-password',
    limits.forgotPasswordByIp,
    validate({ body: ForgotPasswordBodySchema }),
    controller.forgotPassword,
  );
  router.post(
    '/reset-password',
    limits.emailLinkByIp,
    validate({ body: ResetPasswordBodySchema }),
    controller.resetPassword,
  );
  return router;
}
