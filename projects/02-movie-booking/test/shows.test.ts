/** Browsing shows through HTTP, their seat maps, blocked seats and reports, and who may do what. */
import { expectProblem, fieldsOf } from '@roadmap/testing';
import { Types } from 'mongoose';
import request from 'supertest';
import { DEFAULT_PRICES, movieInput, screenInput, seedShow, theaterInput } from './factories.js';
import { MINUTE } from './harness.js';
import { useShowFlow } from './show-flow.js';

describe('shows API', () => {
  const { t, inHours, admin } = useShowFlow('shows');

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

    it('lists only the shows that have not started, the ones that can still be booked', async () => {
      const first = await seedShow(t.services, { startsAt: inHours(2) });
      const later = await t.services.shows.create({
        movieId: first.movieId,
        theaterId: first.theaterId,
        screenId: first.screenId,
        startsAt: inHours(6).toISOString(),
        prices: DEFAULT_PRICES,
      });
      const listed = async () =>
        (await request(t.app).get('/api/v1/shows').query({ movie: first.movieId }).expect(200)).body.data.map(
          (s: { id: string }) => s.id,
        );
      expect(await listed()).toEqual([first.showId, later.id]);

      t.clock.advance(3 * 60 * MINUTE);

      expect(await listed()).toEqual([later.id]);
      const sameDay = await request(t.app)
        .get('/api/v1/shows')
        .query({ movie: first.movieId, date: first.startsAt.toISOString().slice(0, 10) })
        .expect(200);
      expect(sameDay.body.data.map((s: { id: string }) => s.id)).not.toContain(first.showId);
      // A started show is still there by id, only no longer offered.
      await request(t.app).get(`/api/v1/shows/${first.showId}`).expect(200);
    });

    it('finds shows stored before the city key by their city once the indexes are ensured', async () => {
      const { showId, movieId } = await seedShow(t.services, { startsAt: inHours(40), city: 'Évora' });
      const shows = t.models.Show.collection;
      // As a database written by an earlier version holds them: no key, and the old city index.
      await shows.updateOne({ _id: new Types.ObjectId(showId) }, { $unset: { cityKey: '' } });
      await shows.dropIndex('cityKey_1_startsAt_1__id_1');
      await shows.createIndex({ city: 1, startsAt: 1, _id: 1 });
      const before = await request(t.app).get('/api/v1/shows').query({ movie: movieId, city: 'évora' }).expect(200);
      expect(before.body.total).toBe(0);

      await t.services.repositories.shows.ensureIndexes();

      const after = await request(t.app).get('/api/v1/shows').query({ movie: movieId, city: 'ÉVORA' }).expect(200);
      expect(after.body.data.map((s: { id: string }) => s.id)).toEqual([showId]);
      const names = (await shows.indexes()).map((index) => index.name);
      expect(names).toContain('cityKey_1_startsAt_1__id_1');
      expect(names).not.toContain('city_1_startsAt_1__id_1');
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
        422,
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
