/** The order paths in the OpenAPI document. */
import { jsonBody, jsonResponse, type OpenAPIRegistry, type SecurityRequirement } from '@roadmap/core';
import { errorResponses } from '../../../platform/openapi.js';
import { CartCookieSchema, CartTokenHeaderSchema } from '../cart/index.js';
import {
  AdminOrderListQuerySchema,
  AdminOrderSchema,
  CancelInputSchema,
  OrderHistorySchema,
  OrderIdParamsSchema,
  OrderListQuerySchema,
  OrderPageSchema,
  OrderSchema,
  TransitionInputSchema,
} from './order.schemas.js';

export function registerOrderPaths(registry: OpenAPIRegistry, base: string, security: SecurityRequirement): void {
  const tags = ['orders'];
  const either = [...security, {}];
  const admin = { tags: ['admin: orders'], security };
  registry.registerPath({
    method: 'get',
    path: `${base}/orders`,
    tags,
    security,
    summary: "The signed-in customer's orders, newest first",
    request: { query: OrderListQuerySchema },
    responses: { 200: jsonResponse('A page of orders.', OrderPageSchema), ...errorResponses(400, 401, 429) },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/orders/{id}`,
    tags,
    security: either,
    summary: 'An order of the caller (bearer token, or the guest cart token that placed it)',
    request: { params: OrderIdParamsSchema, headers: CartTokenHeaderSchema, cookies: CartCookieSchema },
    responses: { 200: jsonResponse('The order.', OrderSchema), ...errorResponses(400, 401, 404, 429) },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/orders/{id}/history`,
    tags,
    security: either,
    summary: 'Every transition of the order: from, to, who, when',
    request: { params: OrderIdParamsSchema, headers: CartTokenHeaderSchema, cookies: CartCookieSchema },
    responses: {
      200: jsonResponse('The history, oldest first.', OrderHistorySchema),
      ...errorResponses(400, 401, 404, 429),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/orders/{id}/cancel`,
    tags,
    security: either,
    summary: 'Cancel an order before shipment (409 naming the current state otherwise); a paid order is refunded',
    request: {
      params: OrderIdParamsSchema,
      headers: CartTokenHeaderSchema,
      cookies: CartCookieSchema,
      body: jsonBody(CancelInputSchema),
    },
    responses: {
      200: jsonResponse('The cancelled order.', OrderSchema),
      ...errorResponses(400, 401, 403, 404, 409, 429),
    },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/admin/orders`,
    ...admin,
    summary: 'Every order, newest first, filtered by status, payment status, or a number or email (q)',
    request: { query: AdminOrderListQuerySchema },
    responses: { 200: jsonResponse('A page of orders.', OrderPageSchema), ...errorResponses(400, 401, 403) },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/admin/orders/{id}`,
    ...admin,
    summary: 'An order with its history and the transitions an admin may make now',
    request: { params: OrderIdParamsSchema },
    responses: { 200: jsonResponse('The order.', AdminOrderSchema), ...errorResponses(400, 401, 403, 404) },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/admin/orders/{id}/transitions`,
    ...admin,
    summary: 'Move an order (ship, deliver, cancel, refund); 409 naming the current state if not allowed',
    description:
      'A move that sends money back (a refund, or cancelling a paid order) needs a second factor used ' +
      'within the last 10 minutes: otherwise 401 with `WWW-Authenticate: Bearer ' +
      'error="insufficient_user_authentication", max_age=600` (RFC 9470), and the order is unchanged.',
    request: { params: OrderIdParamsSchema, body: jsonBody(TransitionInputSchema) },
    responses: {
      200: jsonResponse('The order after the move.', AdminOrderSchema),
      ...errorResponses(400, 401, 403, 404, 409),
    },
  });
}
