/** Payment paths for the buyer (payment token from checkout) or an admin, and the fake provider's challenge page. */
import { optionalAuth, type AccessTokenVerifier } from '@roadmap/auth';
import { validate } from '@roadmap/core';
import { Router } from 'express';
import type { FakeProvider } from '../../providers/fake-provider.js';
import { createFakeProviderController, createPaymentController } from './payment.controller.js';
import {
  AuthenticateInputSchema,
  ConfirmHeadersSchema,
  ConfirmInputSchema,
  IntentIdParamsSchema,
  OrderIdParamsSchema,
  PaymentIdParamsSchema,
  PaymentTokenHeaderSchema,
} from './payment.schemas.js';
import type { PaymentService } from './payment.service.js';

export function paymentRoutes(service: PaymentService, verifier: AccessTokenVerifier): Router {
  const controller = createPaymentController(service);
  const router = Router();
  router.use('/payments', optionalAuth(verifier));
  router.get(
    '/payments/by-order/:orderId',
    validate({ params: OrderIdParamsSchema, headers: PaymentTokenHeaderSchema }),
    controller.byOrder,
  );
  router.post(
    '/payments/:id/confirm',
    validate({ params: PaymentIdParamsSchema, headers: ConfirmHeadersSchema, body: ConfirmInputSchema }),
    controller.confirm,
  );
  return router;
}

/** The fake provider's stand-in for a 3-D Secure page: approve or fail the challenge. */
export function fakeProviderRoutes(provider: FakeProvider): Router {
  const controller = createFakeProviderController(provider);
  const router = Router();
  router.post(
    '/fake-provider/authenticate/:intentId',
    validate({ params: IntentIdParamsSchema, body: AuthenticateInputSchema }),
    controller.authenticate,
  );
  return router;
}
