/** Scheduling shows through HTTP: ends from the movie and the cleaning gap, no overlaps, prices for every seat type. */
import { expectProblem, fieldsOf } from '@roadmap/testing';
import request from 'supertest';
import { DEFAULT_PRICES, movieInput, screenInput, seedShow } from './factories.js';
import { MINUTE } from './harness.js';
import { CLEANING_GAP, useShowFlow } from './show-flow.js';

describe('shows API', () => {
  const { t, inHours, admin, screenAndMovie, postShow } = useShowFlow('show_scheduling');

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
      expect(await t.models.Show.countDocuments({ screen: ids.screenId })).toBeLessThanOrEqual(1);
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

    it('answers 422 when a seat type of the screen has no price, or the start is in the past', async () => {
      const ids = await screenAndMovie();
      const unpriced = expectProblem(
        await postShow({ ...ids, startsAt: inHours(40).toISOString(), prices: { standard: 900 } }),
        422,
      );
      expect(fieldsOf(unpriced).sort()).toEqual(['body.prices.accessible', 'body.prices.premium']);
      const past = expectProblem(
        await postShow({ ...ids, startsAt: inHours(-1).toISOString(), prices: DEFAULT_PRICES }),
        422,
      );
      expect(fieldsOf(past)).toEqual(['body.startsAt']);
    });

    it('answers 422 for unknown movie, theater or screen ids, 400 for malformed input', async () => {
      const ids = await screenAndMovie();
      const body = { ...ids, startsAt: inHours(50).toISOString(), prices: DEFAULT_PRICES };
      const none = '0123456789abcdef01234567';
      expect(fieldsOf(expectProblem(await postShow({ ...body, movieId: none }), 422))).toEqual(['body.movieId']);
      expect(fieldsOf(expectProblem(await postShow({ ...body, theaterId: none }), 422))).toEqual(['body.theaterId']);
      expect(fieldsOf(expectProblem(await postShow({ ...body, screenId: none }), 422))).toEqual(['body.screenId']);
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
});
