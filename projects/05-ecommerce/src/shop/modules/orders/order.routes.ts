/** Order paths: a customer's own orders (or a guest's, by cart token) and the admin order desk. */
import { optionalAuth, type AccessTokenVerifier } from '@roadmap/auth';
import { validate } from '@roadmap/core';
import { Router, type RequestHandler } from 'express';
import type { CartTokens } from '../cart/index.js';
import { createOrderController } from './order.controller.js';
import {
  AdminOrderListQuerySchema,
  CancelInputSchema,
  OrderIdParamsSchema,
  OrderListQuerySchema,
  TransitionInputSchema,
} from './order.schemas.js';
import type { OrderService } from './order.service.js';

export function orderRoutes(service: OrderService, tokens: CartTokens, verifier: AccessTokenVerifier): Router {
  const controller = createOrderController(service, tokens);
  const router = Router();
  // A guest reaches an order with the cart token that placed it, so the bearer token is optional here;
  // the list of "my orders" answers 401 without one (currentUser).
  router.use('/orders', optionalAuth(verifier));
  router.get('/orders', validate({ query: OrderListQuerySchema }), controller.mine);
  router.get('/orders/:id', validate({ params: OrderIdParamsSchema }), controller.get);
  router.get('/orders/:id/history', validate({ params: OrderIdParamsSchema }), controller.history);
  router.post(
    '/orders/:id/cancel',
    validate({ params: OrderIdParamsSchema, body: CancelInputSchema }),
    controller.cancel,
  );
  return router;
}

export function orderAdminRoutes(service: OrderService, tokens: CartTokens, admin: RequestHandler[]): Router {
  const controller = createOrderController(service, tokens);
  const router = Router();
  router.use(...admin);
  router.get('/orders', validate({ query: AdminOrderListQuerySchema }), controller.adminList);
  router.get('/orders/:id', validate({ params: OrderIdParamsSchema }), controller.adminGet);
  router.post(
    '/orders/:id/transitions',
    validate({ params: OrderIdParamsSchema, body: TransitionInputSchema }),
    controller.adminTransition,
  );
  return router;
}
