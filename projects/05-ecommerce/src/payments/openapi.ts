/** The payments service's OpenAPI document, built from the schemas that validate its requests. */
import {
  buildOpenApiDocument,
  createApiRegistry,
  registerBearerAuth,
  registerHealthPaths,
  type OpenApiDocument,
} from '@roadmap/core';
import { registerFakeProviderPaths, registerPaymentPaths } from './modules/payments/index.js';
import { registerWebhookPaths } from './modules/webhooks/index.js';

export const PAYMENTS_API_BASE = '/api/v1';

export function createPaymentsOpenApiDocument(): OpenApiDocument {
  const registry = createApiRegistry();
  const security = [...registerBearerAuth(registry, 'An admin access token from the auth service.'), {}];
  registerHealthPaths(registry);
  registerPaymentPaths(registry, PAYMENTS_API_BASE, security);
  registerWebhookPaths(registry);
  registerFakeProviderPaths(registry);
  return buildOpenApiDocument(registry, {
    title: 'Payments service',
    version: '1.0.0',
    description: 'Phase 7: payment intents per order, a fake or Stripe provider, and signed webhooks.',
  });
}
