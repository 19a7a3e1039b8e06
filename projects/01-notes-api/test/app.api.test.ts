/** The Notes API through HTTP: what every route shares (404s, request ids, health, docs, headers). */
import { expectProblem } from '@roadmap/testing';
import request from 'supertest';
import { BASE, useNotesHarness } from './harness.js';

const h = useNotesHarness('notes-app');

describe('the rest of the app', () => {
  it('answers 404 problem+json for an unknown route', async () => {
    const unknownRoute = await request(h.app).get('/nowhere');

    expectProblem(unknownRoute, 404);
  });

  it('answers 405 with Allow for a method the document does not list on a path', async () => {
    const post = await request(h.app).post(`${BASE}/${crypto.randomUUID()}`).send({});
    const trace = await request(h.app).trace(BASE);

    expect(expectProblem(post, 405).allowed).toEqual(['GET', 'PUT', 'DELETE', 'PATCH', 'HEAD']);
    expect(post.headers.allow).toBe('GET, PUT, DELETE, PATCH, HEAD');
    expectProblem(trace, 405);
    expect(trace.headers.allow).toBe('GET, POST, HEAD');
  });

  it('echoes a valid X-Request-Id and puts it in problems', async () => {
    const res = await request(h.app).get('/nowhere').set('X-Request-Id', 'trace-123');

    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.body.requestId).toBe('trace-123');
  });

  it('serves liveness and readiness, and is not ready while draining', async () => {
    const live = await request(h.app).get('/healthz');
    const ready = await request(h.app).get('/readyz');
    const draining = await request(h.newApp({ draining: true })).get('/readyz');

    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok' });
    expect(ready.status).toBe(200);
    expect(draining.status).toBe(503);
    expect(draining.body.status).toBe('draining');
  });

  it('serves an OpenAPI document listing every notes operation, and Swagger UI', async () => {
    const doc = await request(h.app).get('/openapi.json').expect(200);
    const ui = await request(h.app).get('/docs/').expect(200);

    expect(Object.keys(doc.body.paths[BASE]).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.body.paths[`${BASE}/{id}`]).sort()).toEqual(['delete', 'get', 'patch', 'put']);
    expect(ui.text).toContain('swagger-ui');
  });

  it('sends security headers and no X-Powered-By', async () => {
    const res = await request(h.app).get('/healthz');

    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
