/** POST /checkout: the caller's cart becomes an order, once per Idempotency-Key. */
import { optionalAuth, type AccessTokenVerifier } from '@roadmap/auth';
import { publicPath, siblingUrl, validate, type SiblingApp } from '@roadmap/core';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { CartTokens } from '../cart/index.js';
import { CheckoutInputSchema, IdempotencyHeaderSchema, type CheckoutInput } from './checkout.schemas.js';
import type { CheckoutService } from './checkout.service.js';

export function checkoutRoutes(
  service: CheckoutService,
  tokens: CartTokens,
  verifier: AccessTokenVerifier,
  limiter: RequestHandler,
  payments: SiblingApp,
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
      // The stored answer (replayed for the same key) names the payments service's configured URL; the
      // caller is given the one it reaches: beside the shop on the edge's origin when it came through it.
      const paymentUrl = siblingUrl(req, res, payments, `/api/v1/payments/by-order/${result.order.id}`);
      res
        .status(201)
        .location(publicPath(req, res, `/api/v1/orders/${result.order.id}`))
        .json({ ...result, paymentUrl });
    },
  );
  return router;
}
