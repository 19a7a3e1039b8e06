/** POST /checkout in the OpenAPI document. */
import { jsonBody, jsonResponse, type OpenAPIRegistry, type SecurityRequirement } from '@roadmap/core';
import { errorResponses } from '../../../platform/openapi.js';
import { CartCookieSchema } from '../cart/index.js';
import { CheckoutInputSchema, CheckoutResultSchema, IdempotencyHeaderSchema } from './checkout.schemas.js';

export function registerCheckoutPaths(registry: OpenAPIRegistry, base: string, security: SecurityRequirement): void {
  registry.registerPath({
    method: 'post',
    path: `${base}/checkout`,
    tags: ['checkout'],
    security: [...security, {}],
    summary: 'Turn the cart into an order with reserved stock (Idempotency-Key required)',
    description:
      'The same key with the same body answers the same order with `Idempotent-Replayed: true`; the same key with a ' +
      'different body is a 422. Stock is reserved until `reservationExpiresAt`; pay through `paymentUrl` with `paymentToken`.',
    request: { headers: IdempotencyHeaderSchema, cookies: CartCookieSchema, body: jsonBody(CheckoutInputSchema) },
    responses: {
      201: jsonResponse('The order (or, on a replay, the same order as first answered).', CheckoutResultSchema),
      ...errorResponses(400, 401, 409, 410, 422, 429),
    },
  });
}
