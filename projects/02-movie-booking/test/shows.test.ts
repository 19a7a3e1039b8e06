import { expectProblem, fieldsOf } from '@roadmap/testing';
import request from 'supertest';
import { DEFAULT_PRICES, movieInput, screenInput, seedShow, theaterInput } from './support/factories.js';
import { createTestApp, MINUTE, type TestApp } from './support/test-app.js';

const CLEANING_GAP = 20;

describe('shows API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('shows', { rules: { cleaningGapMinutes: CLEANING_GAP } });
  });
  afterAll(() => t.close());

  const inHours = (hours: number) => t.clock.after(hours * 60 * MINUTE);
  const admin = () => `Bearer ${t.adminToken}`;

  async function screenAndMovie(durationMinutes = 100) {
    const movie = await t.services.movies.create(movieInput({ durationMinutes }));
    const theater = await t.services.theaters.create(theaterInput({ city: 'Coimbra' }));
    return { movieId: movie.id, theaterId: theater.id, screenId: theater.screens[0]?.id ?? '' };
  }

  const postShow = (body: object, auth = admin()) =>
    request(t.app).post('/api/v1/shows').set('Authorization', auth).send(body);

  describe('POST /shows', () => {
    it('derives the end from the movie duration plus the cleaning gap', async () => {
      const ids = await screenAndMovie(100);
      const startsAt = inHours(24);
      const res = await postShow({ ...ids, startsAt: startsAt.toISOString(), prices: DEFAULT_PRICES }).expect(201);
      expect(res.body).toMatchObject({
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + (100 + CLEANING_GAP) * MINUTE).toISOString(),
        theater: { id: ids.theaterId, city: 'Coimbra' },
        screen: { id: ids.screenId },
        movie: { id: ids.movieId, durationMinutes: 100 },
      });
      await request(t.app).get(`/api/v1/shows/${res.body.id}`).expect(200, res.body);
    });

    it('answers 409 for a show overlapping another on the same screen, and accepts one right after cleaning', async () => {
      const ids = await screenAndMovie(100);
      const first = inHours(30);
      const firstShow = await postShow({ ...ids, startsAt: first.toISOString(), prices: DEFAULT_PRICES }).expect(201);
      const overlapping = new Date(first.getTime() + (100 + CLEANING_GAP - 1) * MINUTE);
      const problem = expectProblem(
        await postShow({ ...ids, startsAt: overlapping.toISOString(), prices: DEFAULT_PRICES }),
        409,
      );
      expect(problem.conflictingShow).toMatchObject({ id: firstShow.body.id });
      const before = new Date(first.getTime() - 110 * MINUTE);
      expectProblem(await postShow({ ...ids, startsAt: before.toISOString(), prices: DEFAULT_PRICES }), 409);
      const adjacent = new Date(first.getTime() + (100 + CLEANING_GAP) * MINUTE);
      await postShow({ ...ids, startsAt: adjacent.toISOString(), prices: DEFAULT_PRICES }).expect(201);
    });

    it('lets another screen of the same theater show a film at the same time', async () => {
      const ids = await screenAndMovie(100);
      const other = await request(t.app)
        .post(`/api/v1/theaters/${ids.theaterId}/screens`)
        .set('Authorization', admin())
        .send(screenInput())
        .expect(201);
      const startsAt = inHours(40).toISOString();
      await postShow({ ...ids, startsAt, prices: DEFAULT_PRICES }).expect(201);
      await postShow({ ...ids, screenId: other.body.id, startsAt, prices: DEFAULT_PRICES }).expect(201);
    });

    it('keeps at most one of several clashing shows created at the same moment', async () => {
      const ids = await screenAndMovie(100);
      const base = inHours(100).getTime();
      const answers = await Promise.all(
        [0, 10, 20, 30, 40, 50].map((offset) =>
          postShow({ ...ids, startsAt: new Date(base + offset * MINUTE).toISOString(), prices: DEFAULT_PRICES }),
        ),
      );
      expect(answers.every((res) => res.status === 201 || res.status === 409)).toBe(true);
      expect(answers.filter((res) => res.status === 201).length).toBeLessThanOrEqual(1);
      expect(await t.services.models.Show.countDocuments({ screen: ids.screenId })).toBeLessThanOrEqual(1);
    });

    it('answers 409 to changing the duration of a movie with upcoming shows, so their ends stay true', async () => {
      const { movieId } = await seedShow(t.services, { startsAt: inHours(26) });
      const patch = (body: object) =>
        request(t.app).patch(`/api/v1/movies/${movieId}`).set('Authorization', admin()).send(body);
      const problem = expectProblem(await patch({ durationMinutes: 180 }), 409);
      expect(problem.upcomingShows).toBe(1);
      await patch({ durationMinutes: 100, title: 'Same length, new title' }).expect(200);
      const unscheduled = await t.services.movies.create(movieInput({ durationMinutes: 90 }));
      const res = await request(t.app)
        .patch(`/api/v1/movies/${unscheduled.id}`)
        .set('Authorization', admin())
        .send({ durationMinutes: 95 })
        .expect(200);
      expect(res.body.durationMinutes).toBe(95);
    });

    it('answers 400 when a seat type of the screen has no price, or the start is in the past', async () => {
      const ids = await screenAndMovie();
      const unpriced = expectProblem(
        await postShow({ ...ids, startsAt: inHours(40).toISOString(), prices: { standard: 900 } }),
        400,
      );
      expect(fieldsOf(unpriced).sort()).toEqual(['body.prices.accessible', 'body.prices.premium']);
      const past = expectProblem(
        await postShow({ ...ids, startsAt: inHours(-1).toISOString(), prices: DEFAULT_PRICES }),
        400,
      );
      expect(fieldsOf(past)).toEqual(['body.startsAt']);
    });

    it('answers 400 for unknown movie, theater or screen ids and malformed input', async () => {
      const ids = await screenAndMovie();
      const body = { ...ids, startsAt: inHours(50).toISOString(), prices: DEFAULT_PRICES };
      const none = '0123456789abcdef01234567';
      expect(fieldsOf(expectProblem(await postShow({ ...body, movieId: none }), 400))).toEqual(['body.movieId']);
      expect(fieldsOf(expectProblem(await postShow({ ...body, theaterId: none }), 400))).toEqual(['body.theaterId']);
      expect(fieldsOf(expectProblem(await postShow({ ...body, screenId: none }), 400))).toEqual(['body.screenId']);
      const malformed = expectProblem(
        await postShow({ ...body, startsAt: 'tomorrow', prices: { standard: 9.5 } }),
        400,
      );
      expect(fieldsOf(malformed).sort()).toEqual(['body.prices.standard', 'body.startsAt']);
    });

    it('answers 409 for an archived movie and 403 for a non-admin', async () => {
      const ids = await screenAndMovie();
      await t.services.movies.update(ids.movieId, { status: 'archived' });
      expectProblem(await postShow({ ...ids, startsAt: inHours(60).toISOString(), prices: DEFAULT_PRICES }), 409);
      expectProblem(
        await postShow(
          { ...ids, startsAt: inHours(60).toISOString(), prices: DEFAULT_PRICES },
          `Bearer ${t.userToken()}`,
        ),
        403,
      );
    });
  });

  describe('GET /shows', () => {
    it('filters by movie, city and date, paged in start order', async () => {
      const movie = await t.services.movies.create(movieInput());
      const porto = await t.services.theaters.create(
        theaterInput({ city: 'Aveiro', screens: [screenInput(), screenInput()] }),
      );
      const day = new Date('2030-03-05T00:00:00.000Z');
      const screens = porto.screens.map((s) => s.id);
      for (const [hour, screenId] of [
        [20, screens[0]],
        [14, screens[1]],
        [18, screens[1]],
      ] as const) {
        await t.services.shows.create({
          movieId: movie.id,
          theaterId: porto.id,
          screenId: screenId ?? '',
          startsAt: new Date(day.getTime() + hour * 60 * MINUTE).toISOString(),
          prices: DEFAULT_PRICES,
        });
      }
      await t.services.shows.create({
        movieId: movie.id,
        theaterId: porto.id,
        screenId: screens[0] ?? '',
        startsAt: new Date(day.getTime() + 36 * 60 * MINUTE).toISOString(),
        prices: DEFAULT_PRICES,
      });
      const res = await request(t.app)
        .get('/api/v1/shows')
        .query({ movie: movie.id, city: 'aveiro', date: '2030-03-05', limit: 2 })
        .expect(200);
      expect(res.body).toMatchObject({ total: 3, totalPages: 2 });
      expect(res.body.data.map((s: { startsAt: string }) => s.startsAt.slice(11, 16))).toEqual(['14:00', '18:00']);
      const page2 = await request(t.app)
        .get('/api/v1/shows')
        .query({ movie: movie.id, date: '2030-03-05', limit: 2, page: 2 })
        .expect(200);
      expect(page2.body.data).toHaveLength(1);
      const elsewhere = await request(t.app)
        .get('/api/v1/shows')
        .query({ movie: movie.id, city: 'Lisbon' })
        .expect(200);
      expect(elsewhere.body.total).toBe(0);
    });

    it("lists a theater's shows under its new city after the theater moves", async () => {
      const { theaterId, movieId } = await seedShow(t.services, { startsAt: inHours(30), city: 'Viseu' });
      await request(t.app)
        .patch(`/api/v1/theaters/${theaterId}`)
        .set('Authorization', admin())
        .send({ city: 'Leiria' })
        .expect(200);
      const moved = await request(t.app).get('/api/v1/shows').query({ movie: movieId, city: 'leiria' }).expect(200);
      expect(moved.body.data.map((s: { theater: { city: string } }) => s.theater.city)).toEqual(['Leiria']);
      const old = await request(t.app).get('/api/v1/shows').query({ movie: movieId, city: 'viseu' }).expect(200);
      expect(old.body.total).toBe(0);
    });

    it('answers 400 for a malformed date or movie id, 404 for an unknown show', async () => {
      const problem = expectProblem(
        await request(t.app).get('/api/v1/shows').query({ date: '05/03/2030', movie: 'x' }),
        400,
      );
      expect(fieldsOf(problem).sort()).toEqual(['query.date', 'query.movie']);
      expectProblem(await request(t.app).get('/api/v1/shows/0123456789abcdef01234567'), 404);
      expectProblem(await request(t.app).get('/api/v1/shows/0123456789abcdef01234567/seats'), 404);
    });
  });

  describe('seat map, blocking and report', () => {
    it('shows each seat as available, held, booked or blocked, without missing seats', async () => {
      const { showId } = await seedShow(t.services, { startsAt: inHours(70) });
      const user = t.userToken();
      const held = await t.hold(user, showId, ['A1', 'A2']);
      await t.confirm(user, held.body.holdId).expect(200);
      await t.hold(t.userToken(), showId, ['B1']).expect(201);
      await request(t.app)
        .post(`/api/v1/shows/${showId}/blocked-seats`)
        .set('Authorization', admin())
        .send({ seats: ['C5'] })
        .expect(200);

      const res = await request(t.app).get(`/api/v1/shows/${showId}/seats`).expect(200);
      expect(res.body.counts).toEqual({ available: 10, held: 1, booked: 2, blocked: 1 });
      const rowB = res.body.rows.find((r: { label: string }) => r.label === 'B');
      expect(rowB.seats.map((s: { id: string }) => s.id)).toEqual(['B1', 'B2', 'B3', 'B4']);
      expect(res.body.rows[0].seats[0]).toEqual({ id: 'A1', number: 1, type: 'accessible', state: 'booked' });
    });

    it('blocks seats all or nothing (409 naming taken seats) and unblocks them', async () => {
      const { showId } = await seedShow(t.services, { startsAt: inHours(80) });
      await t.hold(t.userToken(), showId, ['A3']).expect(201);
      const url = `/api/v1/shows/${showId}/blocked-seats`;
      const problem = expectProblem(
        await request(t.app)
          .post(url)
          .set('Authorization', admin())
          .send({ seats: ['A3', 'A4'] }),
        409,
      );
      expect(problem.takenSeats).toEqual(['A3']);
      const blocked = await request(t.app)
        .post(url)
        .set('Authorization', admin())
        .send({ seats: ['A4', 'A5'] })
        .expect(200);
      expect(blocked.body.counts.blocked).toBe(2);
      expectProblem(await t.hold(t.userToken(), showId, ['A4']), 409);
      await request(t.app).delete(`${url}/A4`).set('Authorization', admin()).expect(204);
      expectProblem(await request(t.app).delete(`${url}/A4`).set('Authorization', admin()), 404);
      expectProblem(await request(t.app).delete(`${url}/A3`).set('Authorization', admin()), 404);
      expectProblem(
        await request(t.app)
          .post(url)
          .set('Authorization', admin())
          .send({ seats: ['Q1'] }),
        400,
      );
      expectProblem(
        await request(t.app)
          .post(url)
          .set('Authorization', `Bearer ${t.userToken()}`)
          .send({ seats: ['A1'] }),
        403,
      );
    });

    it('reports occupancy and revenue from confirmed bookings only', async () => {
      const { showId } = await seedShow(t.services, { startsAt: inHours(90) });
      const buy = async (seats: string[], confirm: boolean) => {
        const token = t.userToken();
        const held = await t.hold(token, showId, seats).expect(201);
        if (confirm) await t.confirm(token, held.body.holdId).expect(200);
        return { token, id: held.body.holdId as string };
      };
      await buy(['C1', 'C2'], true);
      const cancelled = await buy(['A2'], true);
      await request(t.app)
        .post(`/api/v1/bookings/${cancelled.id}/cancel`)
        .set('Authorization', `Bearer ${cancelled.token}`)
        .expect(200);
      await buy(['A1'], false);
      const res = await request(t.app).get(`/api/v1/shows/${showId}/report`).set('Authorization', admin()).expect(200);
      expect(res.body).toEqual({
        showId,
        capacity: 14,
        seats: { available: 11, held: 1, booked: 2, blocked: 0 },
        occupancyPercent: 14.3,
        bookings: { confirmed: 1, cancelled: 1, activeHolds: 1 },
        revenue: 3000,
        currency: 'USD',
      });
      expectProblem(
        await request(t.app).get(`/api/v1/shows/${showId}/report`).set('Authorization', `Bearer ${t.userToken()}`),
        403,
      );
    });
  });

  describe('admin endpoints', () => {
    it('answer 401 without a token and 403 to a signed-in non-admin, changing nothing', async () => {
      const { showId, movieId, theaterId } = await seedShow(t.services, { startsAt: inHours(100) });
      const calls: [method: 'post' | 'patch' | 'delete' | 'get', path: string, body?: object][] = [
        ['post', '/api/v1/movies', movieInput()],
        ['patch', `/api/v1/movies/${movieId}`, { status: 'archived' }],
        ['post', '/api/v1/theaters', theaterInput()],
        ['patch', `/api/v1/theaters/${theaterId}`, { address: 'Elsewhere 1' }],
        ['post', `/api/v1/theaters/${theaterId}/screens`, screenInput()],
        ['post', '/api/v1/shows', {}],
        ['post', `/api/v1/shows/${showId}/blocked-seats`, { seats: ['A1'] }],
        ['delete', `/api/v1/shows/${showId}/blocked-seats/A1`],
        ['get', `/api/v1/shows/${showId}/report`],
      ];
      for (const [method, path, body] of calls) {
        const anonymous = request(t.app)[method](path);
        expectProblem(await (body ? anonymous.send(body) : anonymous), 401);
        const user = request(t.app)[method](path).set('Authorization', `Bearer ${t.userToken()}`);
        expectProblem(await (body ? user.send(body) : user), 403);
      }
      const movie = await request(t.app).get(`/api/v1/movies/${movieId}`).expect(200);
      expect(movie.body.status).toBe('now_showing');
      const theater = await request(t.app).get(`/api/v1/theaters/${theaterId}`).expect(200);
      expect(theater.body).toMatchObject({ address: '1 Test Street', screens: [expect.anything()] });
      const seats = await request(t.app).get(`/api/v1/shows/${showId}/seats`).expect(200);
      expect(seats.body.counts.blocked).toBe(0);
    });
  });
});
