/** HTTP <-> CartService; the cart's owner comes from the bearer token or the cart token. */
import type { Request, Response } from 'express';
import type { CartTokens } from './cart-token.js';
import type { AddCartItem, SetCartItem } from './cart.schemas.js';
import type { CartService } from './cart.service.js';

type VariantParams = { variantId: string };

export function createCartController(service: CartService, tokens: CartTokens) {
  return {
    async get(req: Request, res: Response) {
      res.json(await service.get(tokens.owner(req)));
    },
    async add(req: Request<Record<string, string>, unknown, AddCartItem>, res: Response) {
      const change = await service.addItem(tokens.owner(req), req.body);
      if (change.newGuestCartId) tokens.send(res, change.newGuestCartId);
      res.status(change.newGuestCartId ? 201 : 200).json(change.cart);
    },
    async set(req: Request<VariantParams, unknown, SetCartItem>, res: Response) {
      res.json(await service.setQuantity(tokens.owner(req), req.params.variantId, req.body.quantity));
    },
    async remove(req: Request<VariantParams>, res: Response) {
      res.json(await service.setQuantity(tokens.owner(req), req.params.variantId, 0));
    },
    async merge(req: Request, res: Response) {
      const result = await service.merge(tokens.owner(req));
      res.clearCookie('cart');
      res.json(result);
    },
  };
}
