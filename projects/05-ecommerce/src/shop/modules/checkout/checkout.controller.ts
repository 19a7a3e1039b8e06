/** HTTP <-> CheckoutService: the Idempotency-Key, the replay header, and the links the caller reaches. */
import { publicPath, siblingUrl, type SiblingApp } from '@roadmap/core';
import type { Request, Response } from 'express';
import type { CartTokens } from '../cart/index.js';
import type { CheckoutInput } from './checkout.schemas.js';
import type { CheckoutService } from './checkout.service.js';

/** Where the payments service serves an order's payment (its API path). */
export const paymentByOrderPath = (orderId: string) => `/api/v1/payments/by-order/${orderId}`;

export function createCheckoutController(service: CheckoutService, tokens: CartTokens, payments: SiblingApp) {
  return {
    async checkout(req: Request<Record<string, string>, unknown, CheckoutInput>, res: Response) {
      const key = req.get('idempotency-key') ?? '';
      const { result, replayed } = await service.checkout(tokens.owner(req), req.user?.email, key, req.body);
      if (replayed) res.set('Idempotent-Replayed', 'true');
      // The payments service's link is the one the caller reaches: beside the shop on the edge's origin
      // when it came through it, its configured URL otherwise.
      const paymentUrl = siblingUrl(req, res, payments, paymentByOrderPath(result.order.id));
      res
        .status(201)
        .location(publicPath(req, res, `/api/v1/orders/${result.order.id}`))
        .json({ order: result.order, paymentToken: result.paymentToken, paymentUrl });
    },
  };
}
