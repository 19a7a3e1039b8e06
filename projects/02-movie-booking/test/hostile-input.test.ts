/**
 * Hostile text: a NUL character in any text field of any route (FerretDB stores strings in
 * PostgreSQL, which refuses them) is a 400 naming the field, and a query string whose percent-escapes
 * do not decode is a 400 naming the parameter, not a search for what a lenient parser made of it.
 */
import { expectProblem, fieldsOf, nulTextProbes, unrefusedProbes } from '@roadmap/testing';
import request from 'supertest';
import { createOpenApiDocument } from '../src/app.js';
import { useBookingHarness } from './harness.js';

describe('hostile text in requests', () => {
  const t = useBookingHarness('hostile_input');

  it('refuses a NUL in every text field the document lists, naming the field', async () => {
    const probes = nulTextProbes(createOpenApiDocument());

    const failures = await unrefusedProbes(t.app, probes, {
      headers: () => ({ authorization: `Bearer ${t.adminToken}` }),
    });

    expect(failures).toEqual([]);
    // Free text, ids and seat names alike.
    expect(probes.map((probe) => `${probe.method} ${probe.field}`)).toEqual(
      expect.arrayContaining(['get query.q', 'post body.title', 'post body.seats.0', 'post params.showId']),
    );
  });

  it('answers 400 naming the parameter for a malformed percent-escape in a movie search', async () => {
    const problem = expectProblem(await request(t.app).get('/api/v1/movies?q=%E0%A4%A'), 400);

    expect(fieldsOf(problem)).toEqual(['query.q']);
  });

  it('answers 400 for a malformed percent-escape in every other list query too', async () => {
    for (const path of ['/api/v1/shows?city=%E0%A4%A', '/api/v1/theaters?city=%ZZ']) {
      expect(fieldsOf(expectProblem(await request(t.app).get(path), 400))).toEqual(['query.city']);
    }
    const bookings = await request(t.app)
      .get('/api/v1/bookings?status=%E0')
      .set('Authorization', `Bearer ${t.userToken()}`);
    expect(fieldsOf(expectProblem(bookings, 400))).toEqual(['query.status']);
  });
});
