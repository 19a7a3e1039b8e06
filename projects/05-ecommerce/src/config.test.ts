import { ConfigError } from '@roadmap/core';
import { DEVELOPMENT_JWKS_URL } from '@roadmap/auth';
import { loadNotificationsConfig, loadPaymentsConfig, loadShopConfig, paymentProvider } from './config.js';

function refusedVariables(load: () => unknown): string[] {
  try {
    load();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((problem) => problem.split(':')[0]!);
    throw err;
  }
  return [];
}

const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://shop:s3cret@db.internal:5432/ecommerce',
  AUTH_JWKS_URL: 'https://auth.example.com/.well-known/jwks.json',
};

describe('the e-commerce configuration', () => {
  it('runs on its development defaults outside production, trusting the local auth service', () => {
    const shop = loadShopConfig({});
    expect(shop.AUTH_JWKS_URL).toBe(DEVELOPMENT_JWKS_URL);
    expect(shop.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/ecommerce');
  });

  it('refuses in production the password-less database, the missing key source and the public cart secret', () => {
    expect(refusedVariables(() => loadShopConfig({ NODE_ENV: 'production' })).sort()).toEqual([
      'AUTH_JWKS_URL',
      'CART_TOKEN_SECRET',
      'DATABASE_URL',
    ]);
  });

  it('refuses in production the public webhook secret of the payments service, and a provider left to chance', () => {
    expect(refusedVariables(() => loadPaymentsConfig(PRODUCTION)).sort()).toEqual([
      'PAYMENT_PROVIDER',
      'STRIPE_WEBHOOK_SECRET',
    ]);
  });

  it('runs the fake payment provider outside production unless told otherwise, and in production only when named', () => {
    expect(paymentProvider(loadPaymentsConfig({}))).toBe('fake');
    const secret = { STRIPE_WEBHOOK_SECRET: 'a-production-secret-of-at-least-32-characters' };
    expect(paymentProvider(loadPaymentsConfig({ ...PRODUCTION, ...secret, PAYMENT_PROVIDER: 'fake' }))).toBe('fake');
    expect(
      refusedVariables(() => loadPaymentsConfig({ ...PRODUCTION, ...secret, PAYMENT_PROVIDER: 'stripe' })),
    ).toEqual(['STRIPE_SECRET_KEY']);
  });

  it('refuses in production a notifications worker on a password-less database', () => {
    expect(refusedVariables(() => loadNotificationsConfig({ NODE_ENV: 'production' }))).toEqual(['DATABASE_URL']);
  });

  it('reads an empty RABBITMQ_MANAGEMENT_URL as no link, and refuses one that is not a URL', () => {
    expect(loadShopConfig({ RABBITMQ_MANAGEMENT_URL: '' }).RABBITMQ_MANAGEMENT_URL).toBeUndefined();
    expect(refusedVariables(() => loadShopConfig({ RABBITMQ_MANAGEMENT_URL: 'rabbit' }))).toEqual([
      'RABBITMQ_MANAGEMENT_URL',
    ]);
  });

  it('starts in production once every refused default is replaced', () => {
    const secret = 'a-production-secret-of-at-least-32-characters';
    expect(refusedVariables(() => loadShopConfig({ ...PRODUCTION, CART_TOKEN_SECRET: secret }))).toEqual([]);
    const stripe = { PAYMENT_PROVIDER: 'stripe', STRIPE_SECRET_KEY: 'sk_live_a-key' };
    expect(
      refusedVariables(() => loadPaymentsConfig({ ...PRODUCTION, ...stripe, STRIPE_WEBHOOK_SECRET: secret })),
    ).toEqual([]);
  });
});
