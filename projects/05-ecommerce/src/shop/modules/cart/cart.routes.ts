/** Cart paths: guests (cart token) and signed-in users alike; merging needs a signed-in user. */
import { optionalAuth, requireAuth, type AccessTokenVerifier } from '@roadmap/auth';
import { validate } from '@roadmap/core';
import { Router } from 'express';
import type { CartTokens } from './cart-token.js';
import { createCartController } from './cart.controller.js';
import { AddCartItemSchema, SetCartItemSchema, VariantParamsSchema } from './cart.schemas.js';
import type { CartService } from './cart.service.js';

export function cartRoutes(service: CartService, tokens: CartTokens, verifier: AccessTokenVerifier): Router {
  const controller = createCartController(service, tokens);
  const router = Router();
  router.post('/cart/merge', requireAuth(verifier), controller.merge);
  router.use('/cart', optionalAuth(verifier));
  router.get('/cart', controller.get);
  router.post('/cart/items', validate({ body: AddCartItemSchema }), controller.add);
  router.patch(
    '/cart/items/:variantId',
    validate({ params: VariantParamsSchema, body: SetCartItemSchema }),
    controller.set,
  );
  router.delete('/cart/items/:variantId', validate({ params: VariantParamsSchema }), controller.remove);
  return router;
}
