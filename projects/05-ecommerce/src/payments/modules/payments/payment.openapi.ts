/** The payment paths, and the fake provider's challenge page, in the OpenAPI document. */
import { jsonBody, jsonResponse, type OpenAPIRegistry, type SecurityRequirement } from '@roadmap/core';
import { z } from 'zod';
import { errorResponses } from '../../../platform/openapi.js';
import {
  AuthenticateInputSchema,
  ConfirmHeadersSchema,
  ConfirmInputSchema,
  IntentIdParamsSchema,
  OrderIdParamsSchema,
  PaymentIdParamsSchema,
  PaymentSchema,
  PaymentTokenHeaderSchema,
} from './payment.schemas.js';

export function registerPaymentPaths(registry: OpenAPIRegistry, base: string, security: SecurityRequirement): void {
  registry.registerPath({
    method: 'get',
    path: `${base}/payments/by-order/{orderId}`,
    tags: ['payments'],
    security,
    summary: 'The payment of an order (Payment-Token header from checkout, or an admin token)',
    request: { params: OrderIdParamsSchema, headers: PaymentTokenHeaderSchema },
    responses: { 200: jsonResponse('The payment.', PaymentSchema), ...errorResponses(400, 401, 404) },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/payments/{id}/confirm`,
    tags: ['payments'],
    security,
    summary: 'Pay with a test card or payment method; the outcome arrives by webhook',
    request: { params: PaymentIdParamsSchema, headers: ConfirmHeadersSchema, body: jsonBody(ConfirmInputSchema) },
    responses: {
      200: jsonResponse('The payment, processing or waiting for authentication.', PaymentSchema),
      ...errorResponses(400, 401, 404, 409, 422),
    },
  });
}

export function registerFakeProviderPaths(registry: OpenAPIRegistry): void {
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
}
