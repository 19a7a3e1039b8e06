/** The payments service's OpenAPI document. */
import {
  buildOpenApiDocument,
  createApiRegistry,
  jsonBody,
  jsonResponse,
  registerBearerAuth,
  registerHealthPaths,
  type OpenApiDocument,
} from '@roadmap/core';
import { z } from 'zod';
import { errorResponses } from '../platform/openapi.js';
import { AuthenticateInputSchema } from './modules/payments/payment.routes.js';
import {
  ConfirmHeadersSchema,
  ConfirmInputSchema,
  IntentIdParamsSchema,
  OrderIdParamsSchema,
  PaymentIdParamsSchema,
  PaymentSchema,
  PaymentTokenHeaderSchema,
} from './modules/payments/payment.schemas.js';
import { WEBHOOK_PATH } from './modules/webhooks/webhook.routes.js';
import { WebhookEventSchema, WebhookHeadersSchema } from './modules/webhooks/webhook.schemas.js';

export const PAYMENTS_API_BASE = '/api/v1';

export function createPaymentsOpenApiDocument(): OpenApiDocument {
  const registry = createApiRegistry();
  const security = [...registerBearerAuth(registry, 'An admin access token from the auth service.'), {}];
  registerHealthPaths(registry);
  registry.registerPath({
    method: 'get',
    path: `${PAYMENTS_API_BASE}/payments/by-order/{orderId}`,
    tags: ['payments'],
    security,
    summary: 'The payment of an order (Payment-Token header from checkout, or an admin token)',
    request: { params: OrderIdParamsSchema, headers: PaymentTokenHeaderSchema },
    responses: { 200: jsonResponse('The payment.', PaymentSchema), ...errorResponses(400, 401, 404) },
  });
  registry.registerPath({
    method: 'post',
    path: `${PAYMENTS_API_BASE}/payments/{id}/confirm`,
    tags: ['payments'],
    security,
    summary: 'Pay with a test card or payment method; the outcome arrives by webhook',
    request: { params: PaymentIdParamsSchema, headers: ConfirmHeadersSchema, body: jsonBody(ConfirmInputSchema) },
    responses: {
      200: jsonResponse('The payment, processing or waiting for authentication.', PaymentSchema),
      ...errorResponses(400, 401, 404, 409, 422),
    },
  });
  registry.registerPath({
    method: 'post',
    path: WEBHOOK_PATH,
    tags: ['webhooks'],
    summary: 'Provider events, Stripe format, verified over the raw body (Stripe-Signature)',
    request: { headers: WebhookHeadersSchema, body: jsonBody(WebhookEventSchema) },
    responses: {
      200: jsonResponse(
        'Verified; what was done with it.',
        z.object({
          received: z.literal(true),
          outcome: z.enum(['apply', 'stale', 'no_change', 'duplicate', 'ignored', 'unknown_payment']),
        }),
      ),
      // 413 over 256 KB, 415 for an encoding it does not support; a body that does not decompress is a 400.
      ...errorResponses(400, 413, 415),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/fake-provider/authenticate/{intentId}',
    tags: ['fake provider'],
    summary: "The fake provider's 3-D Secure stand-in: approve or fail the challenge (PAYMENT_PROVIDER=fake only)",
    request: { params: IntentIdParamsSchema, body: jsonBody(AuthenticateInputSchema) },
    responses: {
      200: jsonResponse('The intent.', z.object({ id: z.string(), status: z.string() })),
      ...errorResponses(400, 404, 409),
    },
  });
  return buildOpenApiDocument(registry, {
    title: 'Payments service',
    version: '1.0.0',
    description: 'Phase 7: payment intents per order, a fake or Stripe provider, and signed webhooks.',
  });
}
