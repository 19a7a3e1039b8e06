/**
 * Who owns the cart of a request: a signed-in user (bearer token) or the holder of a guest cart token.
 * The token is the cart id signed with HMAC (cookie-signature), sent as `X-Cart-Token` or as the
 * signed `cart` cookie; a forged or altered token is refused.
 */
import { BadRequestError } from '@roadmap/core';
import { sign, unsign } from 'cookie-signature';
import type { Request, Response } from 'express';

export const CART_HEADER = 'x-cart-token';
export const CART_COOKIE = 'cart';

export type CartOwner = { kind: 'user'; userId: string; guestCartId?: string } | { kind: 'guest'; cartId?: string };

export class CartTokens {
  constructor(private readonly secret: string) {}

  issue(cartId: string): string {
    return sign(cartId, this.secret);
  }

  /** The guest cart id in the request, if any; 400 when a token is present but not genuine. */
  guestCartId(req: Request): string | undefined {
    const header = req.get(CART_HEADER);
    const cookie = (req.signedCookies as Record<string, unknown> | undefined)?.[CART_COOKIE];
    if (cookie === false) throw new BadRequestError('The cart cookie is not genuine.');
    const raw = header ?? (typeof cookie === 'string' ? sign(cookie, this.secret) : undefined);
    if (raw === undefined) return undefined;
    const cartId = unsign(raw, this.secret);
    if (cartId === false || !/^[0-9a-f-]{36}$/.test(cartId))
      throw new BadRequestError('The cart token is not genuine.');
    return cartId;
  }

  owner(req: Request): CartOwner {
    const guestCartId = this.guestCartId(req);
    if (req.user) return { kind: 'user', userId: req.user.id, ...(guestCartId ? { guestCartId } : {}) };
    return { kind: 'guest', ...(guestCartId ? { cartId: guestCartId } : {}) };
  }

  /** Hands a new guest cart's token to the client, as a header and a signed httpOnly cookie. */
  send(res: Response, cartId: string): void {
    res.set('X-Cart-Token', this.issue(cartId));
    res.cookie(CART_COOKIE, cartId, { signed: true, httpOnly: true, sameSite: 'lax', maxAge: 30 * 24 * 3600 * 1000 });
  }
}
