/** POST /checkout: the caller's cart becomes an order, once per Idempotency-Key. */
import { optionalAuth, type AccessTokenVerifier } from '@roadmap/auth';
import { validate } from '@roadmap/core';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { CartTokens } from '../cart/index.js';
import { CheckoutInputSchema, IdempotencyHeaderSchema, type CheckoutInput } from './checkout.schemas.js';
import type { CheckoutService } from './checkout.service.js';

export function checkoutRoutes(
  service: CheckoutService,
  tokens: CartTokens,
  verifier: AccessTokenVerifier,
  limiter: RequestHandler,
): Router {
  const router = Router();
  router.post(
    '/checkout',
    limiter,
    optionalAuth(verifier),
    validate({ headers: IdempotencyHeaderSchema, body: CheckoutInputSchema }),
    async (req: Request<Record<string, string>, unknown, CheckoutInput>, res: Response) => {
      const key = req.get('idempotency-key') ?? '';
      const { result, replayed } = await service.checkout(tokens.owner(req), req.user?.email, key, req.body);
      if (replayed) res.set('Idempotent-Replayed', 'true');
      res.status(201).location(`/api/v1/orders/${result.order.id}`).json(result);
    },
  );
  return router;
}
