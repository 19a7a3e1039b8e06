/** The cart's paths in the OpenAPI document. */
import { jsonBody, jsonResponse, type OpenAPIRegistry, type SecurityRequirement } from '@roadmap/core';
import { z } from 'zod';
import { errorResponses } from '../../../platform/openapi.js';
import {
  AddCartItemSchema,
  CartSchema,
  MergeResultSchema,
  SetCartItemSchema,
  VariantParamsSchema,
} from './cart.schemas.js';

/** A guest cart token as the shop issues it: the cart id, a dot, its HMAC signature. */
const cartToken = z.string().meta({
  pattern: '^[0-9a-f-]{36}\\.[A-Za-z0-9+/]{43}$',
  example: '0b7f6a1e-3c2d-4e5f-8a9b-1c2d3e4f5a6b.q9c0l6mVxU0bXbGh1qkq6z3o2wq4xH0k3v5tZc9yq2s',
});

export const CartTokenHeaderSchema = z.object({
  'x-cart-token': cartToken
    .optional()
    .meta({ description: 'The guest cart token (or the signed `cart` cookie); one the shop did not issue is a 400.' }),
});

/** The signed cookie the shop sets with a new guest cart: the same token, for browsers. */
export const CartCookieSchema = z.object({
  cart: z
    .string()
    .optional()
    .meta({ description: 'The signed `cart` cookie set with a guest cart (instead of X-Cart-Token).' }),
});

const cartTokens = { headers: CartTokenHeaderSchema, cookies: CartCookieSchema };

export function registerCartPaths(registry: OpenAPIRegistry, base: string, security: SecurityRequirement): void {
  const tags = ['cart'];
  const optionalBearer = [...security, {}];
  registry.registerPath({
    method: 'get',
    path: `${base}/cart`,
    tags,
    security: optionalBearer,
    summary: "The caller's cart, priced now (a user's by bearer token, a guest's by cart token)",
    request: cartTokens,
    responses: {
      200: jsonResponse('The cart (empty if there is none yet).', CartSchema),
      ...errorResponses(400, 401, 404, 410, 429),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/cart/items`,
    tags,
    security: optionalBearer,
    summary:
      'Add units of a variant (creates a guest cart and returns its token when there is none); prices in the body are refused. ' +
      'One currency per cart (409 for another); 422 when the total would pass the largest order total',
    request: { ...cartTokens, body: jsonBody(AddCartItemSchema) },
    responses: {
      200: jsonResponse('The cart.', CartSchema),
      201: jsonResponse('A new guest cart; its token is in X-Cart-Token, the `cart` cookie and the body.', CartSchema),
      ...errorResponses(400, 401, 404, 409, 410, 422, 429),
    },
  });
  registry.registerPath({
    method: 'patch',
    path: `${base}/cart/items/{variantId}`,
    tags,
    security: optionalBearer,
    summary: 'Set the quantity of a line (0 removes it)',
    request: { ...cartTokens, params: VariantParamsSchema, body: jsonBody(SetCartItemSchema) },
    responses: { 200: jsonResponse('The cart.', CartSchema), ...errorResponses(400, 401, 404, 409, 410, 422, 429) },
  });
  registry.registerPath({
    method: 'delete',
    path: `${base}/cart/items/{variantId}`,
    tags,
    security: optionalBearer,
    summary: 'Remove a line',
    request: { ...cartTokens, params: VariantParamsSchema },
    responses: { 200: jsonResponse('The cart.', CartSchema), ...errorResponses(400, 401, 404, 410, 429) },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/cart/merge`,
    tags,
    security,
    summary:
      "Merge the guest cart (X-Cart-Token) into the signed-in user's cart, quantities summed and capped at saleable stock",
    request: { headers: z.object({ 'x-cart-token': cartToken.meta({ description: 'The guest cart to merge.' }) }) },
    responses: {
      200: jsonResponse(
        'The merged cart, the lines capped at saleable stock, and the lines it could not take (with the reason).',
        MergeResultSchema,
      ),
      ...errorResponses(400, 401, 404, 409, 410, 429),
    },
  });
}
