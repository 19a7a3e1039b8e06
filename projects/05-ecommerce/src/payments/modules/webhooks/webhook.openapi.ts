/** POST /webhooks/stripe in the OpenAPI document. */
import { jsonBody, jsonResponse, type OpenAPIRegistry } from '@roadmap/core';
import { z } from 'zod';
import { errorResponses } from '../../../platform/openapi.js';
import { WEBHOOK_PATH } from './webhook.routes.js';
import { WebhookEventSchema, WebhookHeadersSchema } from './webhook.schemas.js';

export function registerWebhookPaths(registry: OpenAPIRegistry): void {
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
}
