/**
 * Requests generated from the shop's and the payments service's published documents, answered 400
 * exactly when the document calls them invalid. Operations that take a token are called as an admin,
 * where it is optional too (so a guest checkout's own rule, an email, is not exercised here). Credentials
 * no document can generate are made as their issuer makes them (unless they are the part a request
 * breaks): a guest cart token signed by the shop, a webhook signed over the exact body sent.
 */
import { describeRequestConformance, type GeneratedRequest } from '@roadmap/testing';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { createPaymentsOpenApiDocument } from '../src/payments/openapi.js';
import { createShopOpenApiDocument } from '../src/shop/openapi.js';
import { adminToken, useStack, WEBHOOK_SECRET } from './harness.js';

const stack = useStack('contract', { deliverWebhooks: false });

function signedWebhook(request: GeneratedRequest): GeneratedRequest {
  if (request.path !== '/webhooks/stripe' || request.broken?.startsWith('header stripe-signature')) return request;
  const payload = JSON.stringify(request.body);
  const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
  return { ...request, headers: { ...request.headers, 'stripe-signature': signature } };
}

/** A generated cart token or `cart` cookie, replaced by one the shop issued for a cart of its own. */
function genuineCartTokens(request: GeneratedRequest): GeneratedRequest {
  const issue = () => stack.shop.services.cartTokens.issue(randomUUID());
  const broken = request.broken ?? '';
  const headers = { ...request.headers };
  if (headers['x-cart-token'] !== undefined && !broken.startsWith('header x-cart-token')) {
    headers['x-cart-token'] = issue();
  }
  const cookies = request.cookies.map(([name, value]): [string, string] =>
    name === 'cart' && !broken.startsWith('cookie cart') ? [name, `s:${issue()}`] : [name, value],
  );
  return { ...request, headers, cookies };
}

describeRequestConformance(
  createShopOpenApiDocument(),
  () => ({
    app: stack.shop.app,
    authorize: () => ({ Authorization: `Bearer ${adminToken(stack)}` }),
    prepare: genuineCartTokens,
  }),
  { name: 'shop' },
);

describeRequestConformance(
  createPaymentsOpenApiDocument(),
  () => ({
    app: stack.payments.app,
    authorize: () => ({ Authorization: `Bearer ${adminToken(stack)}` }),
    prepare: signedWebhook,
  }),
  { name: 'payments' },
);
