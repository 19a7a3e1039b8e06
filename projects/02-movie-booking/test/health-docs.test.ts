/** What every route shares: liveness, readiness per dependency, the OpenAPI document and 404s. */
import request from 'supertest';
import { useBookingHarness } from './harness.js';

describe('health and docs', () => {
  const t = useBookingHarness('booking_health', { faults: { redis: true } });
  afterEach(() => {
    t.proxies.redis?.restore();
  });

  it('answers /healthz', async () => {
    const res = await request(t.app).get('/healthz');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('is ready when MongoDB and Redis answer', async () => {
    const res = await request(t.app).get('/readyz');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', checks: { mongo: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('is not ready while Redis is cut, naming dependencies and states only', async () => {
    t.proxies.redis?.cut();

    const res = await request(t.app).get('/readyz');

    expect(res.status).toBe(503);
    expect(res.body).toEqual({ status: 'not ready', checks: { mongo: { status: 'up' }, redis: { status: 'down' } } });
  });

  it('serves the OpenAPI document with every endpoint and Swagger UI', async () => {
    const res = await request(t.app).get('/openapi.json');
    const docs = await request(t.app).get('/docs/');

    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths).sort()).toEqual([
      '/api/v1/bookings',
      '/api/v1/bookings/{id}',
      '/api/v1/bookings/{id}/cancel',
      '/api/v1/holds/{id}',
      '/api/v1/holds/{id}/confirm',
      '/api/v1/movies',
      '/api/v1/movies/{id}',
      '/api/v1/shows',
      '/api/v1/shows/{id}',
      '/api/v1/shows/{id}/blocked-seats',
      '/api/v1/shows/{id}/blocked-seats/{seat}',
      '/api/v1/shows/{id}/report',
      '/api/v1/shows/{id}/seats',
      '/api/v1/shows/{showId}/holds',
      '/api/v1/theaters',
      '/api/v1/theaters/{id}',
      '/api/v1/theaters/{id}/screens',
      '/healthz',
      '/readyz',
    ]);
    expect(res.body.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('swagger-ui');
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await request(t.app).get('/api/v1/nothing-here');

    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
