/** The shop API's environment, validated once at start-up. */
import { authVerifierEnvShape, withKeySource } from '@roadmap/auth';
import { baseEnvShape, developmentSecret, loadConfig, refuseDevelopmentDefaults } from '@roadmap/core';
import { z } from 'zod';
import { databaseRefusal, infrastructureEnvShape, secret } from '../platform/config.js';

export const DEV_CART_TOKEN_SECRET = 'development-only-cart-token-secret-change-me';

export const shopEnvSchema = withKeySource(
  z
    .object({
      ...baseEnvShape(3005),
      ...authVerifierEnvShape,
      ...infrastructureEnvShape,
      /** Signs guest cart tokens (HMAC). Required in production. */
      CART_TOKEN_SECRET: secret('CART_TOKEN_SECRET', DEV_CART_TOKEN_SECRET),
      RESERVATION_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
      /** Seconds between sweeps for expired reservations (besides each order's own delayed job). */
      EXPIRY_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
      LOW_STOCK_THRESHOLD: z.coerce.number().int().min(0).max(10_000).default(5),
      CATALOG_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
      /** Where clients reach the payments service on its own port (the checkout answer links to it). */
      PAYMENTS_PUBLIC_URL: z.url().default('http://localhost:3006'),
      /** The payments service's path on the edge proxy, for the checkout answer's link through it. */
      PAYMENTS_EDGE_PATH: z
        .string()
        .regex(/^(\/[a-z0-9-]+)+$/, 'a path such as /payments')
        .default('/payments'),
      /** Where browsers reach the auth service when the admin page is opened on the shop's own port. */
      AUTH_PUBLIC_URL: z.url().default('http://localhost:3003'),
      /** The auth service's path on the edge proxy, for the admin page opened through it (same origin). */
      AUTH_EDGE_PATH: z
        .string()
        .regex(/^(\/[a-z0-9-]+)+$/, 'a path such as /auth')
        .default('/auth'),
      /** RabbitMQ's management UI, linked from the admin page when set (empty: no link), e.g. http://localhost:15672. */
      RABBITMQ_MANAGEMENT_URL: z.preprocess((value) => (value === '' ? undefined : value), z.url().optional()),
      RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
      CHECKOUT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(30),
    })
    .superRefine(
      refuseDevelopmentDefaults(databaseRefusal, developmentSecret('CART_TOKEN_SECRET', DEV_CART_TOKEN_SECRET)),
    ),
);

export type ShopConfig = z.output<typeof shopEnvSchema>;

export function loadShopConfig(env: NodeJS.ProcessEnv = process.env): ShopConfig {
  return loadConfig(shopEnvSchema, env);
}
