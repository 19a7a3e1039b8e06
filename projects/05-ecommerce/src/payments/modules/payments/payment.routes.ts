/** Payment paths for the buyer (payment token from checkout) or an admin, and the fake provider's challenge page. */
import { optionalAuth, type AccessTokenVerifier } from '@roadmap/auth';
import { ConflictError, NotFoundError, validate } from '@roadmap/core';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { FakeProvider } from '../../providers/fake-provider.js';
import { ProviderInputError, ProviderStateError } from '../../providers/provider.js';
import {
  ConfirmHeadersSchema,
  ConfirmInputSchema,
  IntentIdParamsSchema,
  OrderIdParamsSchema,
  PaymentIdParamsSchema,
  PaymentTokenHeaderSchema,
  type ConfirmInput,
} from './payment.schemas.js';
import type { PaymentAccess, PaymentService } from './payment.service.js';

export const AuthenticateInputSchema = z.strictObject({ approve: z.boolean() }).meta({ id: 'FakeAuthenticationInput' });

const access = (req: Request): PaymentAccess => ({ paymentToken: req.get('payment-token'), user: req.user });

export function paymentRoutes(service: PaymentService, verifier: AccessTokenVerifier): Router {
  const router = Router();
  router.use('/payments', optionalAuth(verifier));
  router.get(
    '/payments/by-order/:orderId',
    validate({ params: OrderIdParamsSchema, headers: PaymentTokenHeaderSchema }),
    async (req: Request<{ orderId: string }>, res: Response) => {
      res.json(await service.getByOrder(req.params.orderId, access(req)));
    },
  );
  router.post(
    '/payments/:id/confirm',
    validate({ params: PaymentIdParamsSchema, headers: ConfirmHeadersSchema, body: ConfirmInputSchema }),
    async (req: Request<{ id: string }, unknown, ConfirmInput>, res: Response) => {
      const key = req.get('idempotency-key') ?? `request:${String(req.id)}`;
      res.json(await service.confirm(req.params.id, access(req), req.body, key));
    },
  );
  return router;
}

/** The fake provider's stand-in for a 3-D Secure page: approve or fail the challenge. */
export function fakeProviderRoutes(provider: FakeProvider): Router {
  const router = Router();
  router.post(
    '/fake-provider/authenticate/:intentId',
    validate({ params: IntentIdParamsSchema, body: AuthenticateInputSchema }),
    async (req: Request<{ intentId: string }, unknown, { approve: boolean }>, res: Response) => {
      try {
        const intent = await provider.authenticate(req.params.intentId, req.body.approve);
        res.json({ id: intent.id, status: intent.status });
      } catch (err) {
        if (err instanceof ProviderStateError) throw new ConflictError(err.message);
        if (err instanceof ProviderInputError) throw new NotFoundError(err.message);
        throw err;
      }
    },
  );
  return router;
}
