/** The shop API's OpenAPI document, built from the schemas that validate its requests. */
import {
  buildOpenApiDocument,
  createApiRegistry,
  registerBearerAuth,
  registerHealthPaths,
  type OpenApiDocument,
} from '@roadmap/core';
import { registerAuditPaths } from './modules/audit/index.js';
import { registerCartPaths } from './modules/cart/index.js';
import { registerDashboardPaths } from './modules/dashboard/index.js';
import { registerCatalogPaths } from './modules/catalog/index.js';
import { registerCheckoutPaths } from './modules/checkout/index.js';
import { registerInventoryPaths } from './modules/inventory/index.js';
import { registerOrderPaths } from './modules/orders/index.js';
import { registerReportPaths } from './modules/reports/index.js';

export const SHOP_API_BASE = '/api/v1';

export function createShopOpenApiDocument(): OpenApiDocument {
  const registry = createApiRegistry();
  const security = registerBearerAuth(
    registry,
    'An access token from the auth service (roles: user = customer, admin).',
  );
  registerHealthPaths(registry);
  registerCatalogPaths(registry, SHOP_API_BASE, security);
  registerCartPaths(registry, SHOP_API_BASE, security);
  registerCheckoutPaths(registry, SHOP_API_BASE, security);
  registerOrderPaths(registry, SHOP_API_BASE, security);
  registerInventoryPaths(registry, SHOP_API_BASE, security);
  registerAuditPaths(registry, SHOP_API_BASE, security);
  registerReportPaths(registry, SHOP_API_BASE, security);
  registerDashboardPaths(registry, SHOP_API_BASE, security);
  return buildOpenApiDocument(registry, {
    title: 'Shop API',
    version: '1.0.0',
    description:
      'Phase 7 of the backend roadmap: catalog with full-text search and a Redis cache, guest and user carts, ' +
      'idempotent checkout with stock reservations, orders with a state machine. Payments live in the payments service.',
  });
}
