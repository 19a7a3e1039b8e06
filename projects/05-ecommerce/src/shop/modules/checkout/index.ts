/** The checkout feature: cart -> order, idempotently, with stock reserved. */
export { CheckoutService, type CheckoutServiceDeps, type OrderPlacedHook } from './checkout.service.js';
export { checkoutRoutes } from './checkout.routes.js';
export { registerCheckoutPaths } from './checkout.openapi.js';
export { IdempotencyRepository } from './idempotency.repository.js';
