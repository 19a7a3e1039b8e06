import { expectProblem, fieldsOf } from '@roadmap/testing';
import request from 'supertest';
import { movieInput } from './factories.js';
import { useBookingHarness } from './harness.js';

describe('movies API', () => {
  const t = useBookingHarness('movies');

  const post = (body: unknown, token = t.adminToken) =>
    request(t.app)
      .post('/api/v1/movies')
      .set('Authorization', `Bearer ${token}`)
      .send(body as object);

  describe('POST /movies', () => {
    it('lets an admin create a movie and answers it with a Location', async () => {
      const res = await post(movieInput({ title: 'The Long Take', genres: ['Drama', 'drama'] })).expect(201);
      expect(res.headers.location).toBe(`/api/v1/movies/${res.body.id}`);
      expect(res.body).toMatchObject({
        title: 'The Long Take',
        genres: ['drama'],
        releaseDate: '2030-01-15',
        status: 'now_showing',
      });
    });

    it('answers 401 without a token and 403 to a non-admin', async () => {
      expectProblem(await request(t.app).post('/api/v1/movies').send(movieInput()), 401);
      expectProblem(await post(movieInput(), t.userToken()), 403);
    });

    it('answers 400 listing every invalid field and unknown fields', async () => {
      const problem = expectProblem(
        await post({
          ...movieInput(),
          title: '',
          durationMinutes: 0,
          certification: 'X',
          posterUrl: 'ftp://x',
          extra: 1,
        }),
        400,
      );
      expect(fieldsOf(problem)).toEqual(
        expect.arrayContaining(['body.title', 'body.durationMinutes', 'body.certification', 'body.posterUrl']),
      );
      expect(problem.errors?.some((e) => e.message.includes('extra'))).toBe(true);
    });

    it('answers 409 for the same title and release date twice', async () => {
      const input = movieInput({ title: 'Twice Released' });
      await post(input).expect(201);
      expectProblem(await post(input), 409);
    });
  });

  describe('GET /movies', () => {
    beforeAll(async () => {
      await post(
        movieInput({
          title: 'Mr. Robot (Director’s Cut)',
          genres: ['thriller'],
          languages: ['english'],
          status: 'now_showing',
        }),
      );
      await post(
        movieInput({ title: 'Mr Robot Returns', genres: ['thriller'], languages: ['french'], status: 'coming_soon' }),
      );
      await post(
        movieInput({ title: 'Quiet Garden', genres: ['documentary'], languages: ['french'], status: 'archived' }),
      );
    });

    it('searches titles case-insensitively, treating regex characters literally', async () => {
      const res = await request(t.app).get('/api/v1/movies').query({ q: 'mr. robot (' }).expect(200);
      expect(res.body.data.map((m: { title: string }) => m.title)).toEqual(['Mr. Robot (Director’s Cut)']);
      const both = await request(t.app).get('/api/v1/movies').query({ q: 'ROBOT' }).expect(200);
      expect(both.body.total).toBe(2);
    });

    it('filters by genre, language and status', async () => {
      const res = await request(t.app)
        .get('/api/v1/movies')
        .query({ genre: 'Thriller', language: 'french' })
        .expect(200);
      expect(res.body.data.map((m: { title: string }) => m.title)).toEqual(['Mr Robot Returns']);
      const archived = await request(t.app).get('/api/v1/movies').query({ status: 'archived' }).expect(200);
      expect(archived.body.data.map((m: { title: string }) => m.title)).toEqual(['Quiet Garden']);
    });

    it('pages and sorts', async () => {
      const res = await request(t.app)
        .get('/api/v1/movies')
        .query({ genre: 'thriller', sort: 'title', limit: 1, page: 2 })
        .expect(200);
      expect(res.body).toMatchObject({ page: 2, limit: 1, total: 2, totalPages: 2 });
      expect(res.body.data[0].title).toBe('Mr. Robot (Director’s Cut)');
    });

    it('answers 400 for bad filters', async () => {
      const problem = expectProblem(
        await request(t.app).get('/api/v1/movies').query({ status: 'gone', limit: 500, sort: 'rating' }),
        400,
      );
      expect(fieldsOf(problem).sort()).toEqual(['query.limit', 'query.sort', 'query.status']);
    });
  });

  describe('GET and PATCH /movies/:id', () => {
    it('gets a movie, 404 for an unknown id, 400 for a malformed id', async () => {
      const created = await post(movieInput({ title: 'Findable' })).expect(201);
      await request(t.app).get(`/api/v1/movies/${created.body.id}`).expect(200, created.body);
      expectProblem(await request(t.app).get('/api/v1/movies/0123456789abcdef01234567'), 404);
      expectProblem(await request(t.app).get('/api/v1/movies/not-an-id'), 400);
    });

    it('lets an admin archive a movie; rejects empty and invalid patches', async () => {
      const created = await post(movieInput()).expect(201);
      const url = `/api/v1/movies/${created.body.id}`;
      const res = await request(t.app)
        .patch(url)
        .set('Authorization', `Bearer ${t.adminToken}`)
        .send({ status: 'archived' })
        .expect(200);
      expect(res.body.status).toBe('archived');
      expectProblem(await request(t.app).patch(url).set('Authorization', `Bearer ${t.adminToken}`).send({}), 400);
      expectProblem(
        await request(t.app).patch(url).set('Authorization', `Bearer ${t.adminToken}`).send({ durationMinutes: -5 }),
        400,
      );
      expectProblem(
        await request(t.app).patch(url).set('Authorization', `Bearer ${t.userToken()}`).send({ status: 'now_showing' }),
        403,
      );
      expectProblem(
        await request(t.app)
          .patch('/api/v1/movies/0123456789abcdef01234567')
          .set('Authorization', `Bearer ${t.adminToken}`)
          .send({ status: 'archived' }),
        404,
      );
    });
  });
});
