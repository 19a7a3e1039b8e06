/** What every process offers besides its API: health, readiness, the OpenAPI document, problem answers. */
import { expectProblem } from '@roadmap/testing';
import request from 'supertest';
import { API, useStack } from './harness.js';

const stack = useStack('platform');

describe('shop and payments platform routes', () => {
  it('reports ready with every dependency up', async () => {
    for (const app of [stack.shop.app, stack.payments.app]) {
      const res = await request(app).get('/readyz');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('ready');
      expect(res.body.checks).toMatchObject({ postgres: { status: 'up' }, rabbitmq: { status: 'up' } });
    }
    await request(stack.shop.app).get('/healthz').expect(200, { status: 'ok' });
  });

  it('serves the OpenAPI documents that list every route', async () => {
    const shop = await request(stack.shop.app).get('/openapi.json');
    const payments = await request(stack.payments.app).get('/openapi.json');

    expect(Object.keys(shop.body.paths)).toEqual(
      expect.arrayContaining([`${API}/checkout`, `${API}/cart/merge`, `${API}/admin/orders/{id}/transitions`]),
    );
    expect(Object.keys(payments.body.paths)).toEqual(
      expect.arrayContaining(['/webhooks/stripe', `${API}/payments/{id}/confirm`]),
    );
  });

  it('answers problem+json for an unknown route and for malformed JSON', async () => {
    expectProblem(await request(stack.shop.app).get(`${API}/nothing-here`), 404);
    const res = await request(stack.shop.app)
      .post(`${API}/cart/items`)
      .set('Content-Type', 'application/json')
      .send('{"variantId": ');
    expect(expectProblem(res, 400).detail).toBe('The request body is not valid JSON.');
  });

  it('answers 404 with Retry-After for a payment that does not exist (yet)', async () => {
    const res = await request(stack.payments.app)
      .get(`${API}/payments/by-order/00000000-0000-4000-8000-000000000000`)
      .set('Payment-Token', 'x'.repeat(32));

    expectProblem(res, 404);
    expect(res.headers['retry-after']).toBe('1');
  });
});
