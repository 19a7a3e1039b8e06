/**
 * Hostile text: a NUL character in any text field of the shop or the payments service (PostgreSQL
 * refuses `\u0000` in text) is a 400 naming the field, never a 500 from the database, and a malformed
 * percent-escape in a query string is a 400 naming the parameter.
 */
import { expectProblem, fieldsOf, nulTextProbes, unrefusedProbes } from '@roadmap/testing';
import request from 'supertest';
import { createPaymentsOpenApiDocument } from '../src/payments/openapi.js';
import { createShopOpenApiDocument } from '../src/shop/openapi.js';
import { adminToken, API, useStack } from './harness.js';

const stack = useStack('hostile_input');
const asAdmin = () => ({ authorization: `Bearer ${adminToken(stack)}` });

describe('hostile text in requests', () => {
  it('refuses a NUL in every text field of the shop, naming the field', async () => {
    const probes = nulTextProbes(createShopOpenApiDocument());

    expect(await unrefusedProbes(stack.shop.app, probes, { headers: asAdmin })).toEqual([]);
    // Among them every field the issue found answering 500.
    expect(probes.map((probe) => `${probe.method} ${probe.template} ${probe.field}`)).toEqual(
      expect.arrayContaining([
        `get ${API}/products query.q`,
        `post ${API}/checkout body.shippingAddress.name`,
        `post ${API}/orders/{id}/cancel body.reason`,
        `post ${API}/admin/products body.name`,
        `post ${API}/admin/variants/{id}/stock-adjustments body.reason`,
        `get ${API}/admin/orders query.q`,
        `get ${API}/admin/audit query.actorId`,
        `get ${API}/admin/audit query.targetId`,
      ]),
    );
  });

  it('answers a guest checkout whose address holds a NUL with 400, without a token', async () => {
    const res = await request(stack.shop.app)
      .post(`${API}/checkout`)
      .set('Idempotency-Key', 'nul-guest-checkout')
      .send({
        email: 'guest@example.test',
        shippingAddress: { name: 'Ada\u0000', line1: '1 Row', city: 'London', postalCode: 'N1', country: 'GB' },
      });

    expect(fieldsOf(expectProblem(res, 400))).toEqual(['body.shippingAddress.name']);
  });

  it('refuses a NUL in every text field of the payments service, naming the field', async () => {
    // The webhook's body is Stripe's, read only once its signature holds.
    const probes = nulTextProbes(createPaymentsOpenApiDocument(), [/^POST \/webhooks\//]);

    expect(await unrefusedProbes(stack.payments.app, probes, { headers: asAdmin })).toEqual([]);
    expect(probes.map((probe) => probe.field)).toEqual(
      expect.arrayContaining(['params.orderId', 'body.paymentMethod', 'params.intentId']),
    );
  });

  it('answers 400 naming the parameter for a malformed percent-escape in a query string', async () => {
    const search = await request(stack.shop.app).get(`${API}/products?q=%E0%A4%A`);
    const audit = await request(stack.shop.app).get(`${API}/admin/audit?targetId=%E0`).set(asAdmin());

    expect(fieldsOf(expectProblem(search, 400))).toEqual(['query.q']);
    expect(fieldsOf(expectProblem(audit, 400))).toEqual(['query.targetId']);
  });
});
