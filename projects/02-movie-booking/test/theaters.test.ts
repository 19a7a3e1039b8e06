import { expectProblem, fieldsOf } from '@roadmap/testing';
import request from 'supertest';
import { screenInput, theaterInput } from './factories.js';
import { useBookingHarness } from './harness.js';

describe('theaters API', () => {
  const t = useBookingHarness('theaters');

  const post = (body: unknown, token = t.adminToken) =>
    request(t.app)
      .post('/api/v1/theaters')
      .set('Authorization', `Bearer ${token}`)
      .send(body as object);

  it('creates a theater with screens and answers each screen with its capacity and seat types', async () => {
    const res = await post(theaterInput({ name: 'Odeon', city: 'Porto' })).expect(201);
    expect(res.body).toMatchObject({ name: 'Odeon', city: 'Porto' });
    expect(res.body.screens[0]).toMatchObject({ capacity: 14, seatTypes: ['accessible', 'standard', 'premium'] });
    await request(t.app).get(`/api/v1/theaters/${res.body.id}`).expect(200, res.body);
  });

  it('answers 422 for a layout with seats outside a row, duplicate rows or duplicate screen names', async () => {
    const badRows = screenInput({
      rows: [
        { label: 'A', seatCount: 3, type: 'standard', accessibleSeats: [], missingSeats: [7] },
        { label: 'A', seatCount: 3, type: 'standard', accessibleSeats: [], missingSeats: [] },
      ],
    });
    const problem = expectProblem(await post(theaterInput({ screens: [badRows] })), 422);
    expect(problem.errors?.map((e) => e.message)).toEqual(
      expect.arrayContaining(['row A has no seat 7', 'row A appears twice']),
    );
    const twice = screenInput({ name: 'One' });
    expect(fieldsOf(expectProblem(await post(theaterInput({ screens: [twice, twice] })), 422))).toEqual([
      'body.screens',
    ]);
  });

  it('answers 401/403 to non-admins and 409 to the same name in the same city', async () => {
    expectProblem(await request(t.app).post('/api/v1/theaters').send(theaterInput()), 401);
    expectProblem(await post(theaterInput(), t.userToken()), 403);
    await post(theaterInput({ name: 'Twin', city: 'Faro' })).expect(201);
    expectProblem(await post(theaterInput({ name: 'Twin', city: 'Faro' })), 409);
  });

  it('adds a screen; 409 for a name the theater already has, 404 for an unknown theater', async () => {
    const theater = await post(theaterInput()).expect(201);
    const url = `/api/v1/theaters/${theater.body.id}/screens`;
    const res = await request(t.app)
      .post(url)
      .set('Authorization', `Bearer ${t.adminToken}`)
      .send(screenInput({ name: 'IMAX' }))
      .expect(201);
    expect(res.body).toMatchObject({ name: 'IMAX', capacity: 14 });
    expectProblem(
      await request(t.app)
        .post(url)
        .set('Authorization', `Bearer ${t.adminToken}`)
        .send(screenInput({ name: 'IMAX' })),
      409,
    );
    expectProblem(
      await request(t.app)
        .post('/api/v1/theaters/0123456789abcdef01234567/screens')
        .set('Authorization', `Bearer ${t.adminToken}`)
        .send(screenInput()),
      404,
    );
  });

  it('changes the address; 400 for an empty patch', async () => {
    const theater = await post(theaterInput()).expect(201);
    const url = `/api/v1/theaters/${theater.body.id}`;
    const res = await request(t.app)
      .patch(url)
      .set('Authorization', `Bearer ${t.adminToken}`)
      .send({ address: '2 New Road' })
      .expect(200);
    expect(res.body.address).toBe('2 New Road');
    expectProblem(await request(t.app).patch(url).set('Authorization', `Bearer ${t.adminToken}`).send({}), 400);
  });

  it('lists theaters in a city, case-insensitively, paged', async () => {
    await post(theaterInput({ name: 'North', city: 'Braga' })).expect(201);
    await post(theaterInput({ name: 'South', city: 'Braga' })).expect(201);
    const res = await request(t.app).get('/api/v1/theaters').query({ city: 'braga', limit: 1 }).expect(200);
    expect(res.body).toMatchObject({ total: 2, totalPages: 2 });
    expect(res.body.data[0].name).toBe('North');
    expectProblem(await request(t.app).get('/api/v1/theaters/0123456789abcdef01234567'), 404);
  });
});
