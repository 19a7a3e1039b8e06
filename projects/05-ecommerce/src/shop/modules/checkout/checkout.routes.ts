/** POST /checkout: the caller's cart becomes an order, once per Idempotency-Key. */
import { optionalAuth, type AccessTokenVerifier } from '@roadmap/auth';
import { validate, type SiblingApp } from '@roadmap/core';
import { Router, type RequestHandler } from 'express';
import type { CartTokens } from '../cart/index.js';
import { createCheckoutController } from './checkout.controller.js';
import { CheckoutInputSchema, IdempotencyHeaderSchema } from './checkout.schemas.js';
import type { CheckoutService } from './checkout.service.js';

export function checkoutRoutes(
  service: CheckoutService,
  tokens: CartTokens,
  verifier: AccessTokenVerifier,
  limiter: RequestHandler,
  payments: SiblingApp,
): Router {
  const controller = createCheckoutController(service, tokens, payments);
  const router = Router();
  router.post(
    '/checkout',
    limiter,
    optionalAuth(verifier),
    validate({ headers: IdempotencyHeaderSchema, body: CheckoutInputSchema }),
    controller.checkout,
  );
  return router;
}
