/** The payments service's environment, validated once at start-up. */
import { authVerifierEnvShape, withKeySource } from '@roadmap/auth';
import {
  baseEnvShape,
  developmentSecret,
  loadConfig,
  refuseDevelopmentDefaults,
  type ProductionRefusal,
} from '@roadmap/core';
import { z } from 'zod';
import { databaseRefusal, infrastructureEnvShape, secret } from '../platform/config.js';

export const DEV_WEBHOOK_SECRET = 'whsec_development_only_change_me_0000000000';

/** Production never falls back to the fake provider: taking no money must be a choice someone made. */
const explicitProvider: ProductionRefusal = {
  variable: 'PAYMENT_PROVIDER',
  refuses: (value) =>
    value === undefined
      ? 'must be set in production: stripe, or fake for a demo in which no money moves (its /fake-provider/* routes are public)'
      : undefined,
};

export const paymentsEnvSchema = withKeySource(
  z
    .object({
      ...baseEnvShape(3006),
      ...authVerifierEnvShape,
      ...infrastructureEnvShape,
      /**
       * `stripe`, or `fake` (offline, simulated: no money moves, and its /fake-provider/* routes are
       * public). Outside production it defaults to `fake`; production must choose one explicitly.
       */
      PAYMENT_PROVIDER: z.enum(['fake', 'stripe']).optional(),
      STRIPE_SECRET_KEY: z.string().startsWith('sk_').optional(),
      /** Verifies webhook signatures (and signs them, for the fake provider). Required in production. */
      STRIPE_WEBHOOK_SECRET: secret('STRIPE_WEBHOOK_SECRET', DEV_WEBHOOK_SECRET),
      /** e.g. http://127.0.0.1:12111 to send Stripe calls to a local stripe-mock. */
      STRIPE_API_BASE: z.url().optional(),
      /** Oldest webhook timestamp accepted, in seconds (Stripe's default tolerance is 300). */
      WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
      /** Where clients reach this service (the fake provider's authentication links). */
      PAYMENTS_PUBLIC_URL: z.url().default('http://localhost:3006'),
      /** Where the fake provider delivers its webhooks; defaults to this service's own route. */
      FAKE_PROVIDER_WEBHOOK_URL: z.url().optional(),
    })
    .superRefine(
      refuseDevelopmentDefaults(
        databaseRefusal,
        developmentSecret('STRIPE_WEBHOOK_SECRET', DEV_WEBHOOK_SECRET),
        explicitProvider,
      ),
    )
    .refine((env) => env.PAYMENT_PROVIDER !== 'stripe' || env.STRIPE_SECRET_KEY !== undefined, {
      message: 'STRIPE_SECRET_KEY is required with PAYMENT_PROVIDER=stripe',
      path: ['STRIPE_SECRET_KEY'],
    }),
);

export type PaymentsConfig = z.output<typeof paymentsEnvSchema>;

export function loadPaymentsConfig(env: NodeJS.ProcessEnv = process.env): PaymentsConfig {
  return loadConfig(paymentsEnvSchema, env);
}

/** The provider to run: the configured one, or the fake one outside production (production refuses to guess). */
export function paymentProvider(config: Pick<PaymentsConfig, 'PAYMENT_PROVIDER'>): 'fake' | 'stripe' {
  return config.PAYMENT_PROVIDER ?? 'fake';
}
