/**
 * The environment of the package's three processes, each validated at its own start-up: the shop API
 * (shop/config.ts), the payments service (payments/config.ts) and the notifications worker
 * (notifications/config.ts), which share platform/config.ts. `.env.example` lists every variable.
 */
export { shopEnvSchema, loadShopConfig, type ShopConfig } from './shop/config.js';
export { paymentsEnvSchema, loadPaymentsConfig, paymentProvider, type PaymentsConfig } from './payments/config.js';
export { notificationsEnvSchema, loadNotificationsConfig, type NotificationsConfig } from './notifications/config.js';
