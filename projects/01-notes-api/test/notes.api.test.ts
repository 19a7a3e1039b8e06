/** The Notes API through HTTP: every endpoint and every error case. */
import { expectProblem, fieldsOf, testLogger } from '@roadmap/testing';
import request from 'supertest';
import { createApp, NOTES_BASE_PATH } from '../src/app.js';

const BASE = NOTES_BASE_PATH;

function newApp(options: { maxNotes?: number; draining?: boolean } = {}) {
  return createApp({
    logger: testLogger('notes-api'),
    maxNotes: options.maxNotes,
    lifecycle: { isDraining: () => options.draining ?? false },
  });
}

async function createNote(app: ReturnType<typeof newApp>, fields: Record<string, unknown> = {}) {
  const res = await request(app)
    .post(BASE)
    .send({ title: 'A note', ...fields })
    .expect(201);
  return res.body as { id: string; title: string; updatedAt: string; createdAt: string };
}

describe('POST /api/v1/notes', () => {
  it('creates a note with defaults, a Location header and timestamps', async () => {
    const app = newApp();

    const res = await request(app).post(BASE).send({ title: '  Learn Express  ' });

    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`${BASE}/${res.body.id}`);
    expect(res.body).toEqual({
      id: expect.any(String),
      title: 'Learn Express',
      content: '',
      tags: [],
      pinned: false,
      createdAt: expect.any(String),
      updatedAt: res.body.createdAt,
    });
  });

  it('answers 400 listing every invalid field', async () => {
    const res = await request(newApp())
      .post(BASE)
      .send({ title: '', content: 5, tags: ['ok', 'x'.repeat(31)], pinned: 'yes' });

    const problem = expectProblem(res, 400);
    expect(fieldsOf(problem).sort()).toEqual(['body.content', 'body.pinned', 'body.tags.1', 'body.title']);
  });

  it('answers 400 when the title is missing or the body is not an object', async () => {
    expect(fieldsOf(expectProblem(await request(newApp()).post(BASE).send({}), 400))).toContain('body.title');
    expectProblem(await request(newApp()).post(BASE).send([1, 2]), 400);
  });

  it('answers 400 naming an unknown field', async () => {
    const res = await request(newApp()).post(BASE).send({ title: 't', id: 'mine' });

    expect(expectProblem(res, 400).errors?.[0]?.message).toMatch(/unrecognized key/i);
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await request(newApp()).post(BASE).set('content-type', 'application/json').send('{"title": ');

    expect(expectProblem(res, 400).detail).toMatch(/not valid JSON/);
  });

  it('answers 400 when the body is not JSON at all', async () => {
    const res = await request(newApp()).post(BASE).set('content-type', 'text/plain').send('title=hello');

    expectProblem(res, 400);
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await request(newApp())
      .post(BASE)
      .send({ title: 't', content: 'x'.repeat(70 * 1024) });

    expectProblem(res, 413);
  });

  it('answers 400 (not 413) for content over 10,000 characters inside the body limit', async () => {
    const res = await request(newApp())
      .post(BASE)
      .send({ title: 't', content: 'x'.repeat(10_001) });

    expect(fieldsOf(expectProblem(res, 400))).toEqual(['body.content']);
  });

  it('answers 507 once the store is full', async () => {
    const app = newApp({ maxNotes: 1 });
    await createNote(app);

    expectProblem(await request(app).post(BASE).send({ title: 'one too many' }), 507);
  });
});

describe('GET /api/v1/notes/:id', () => {
  it('returns the note', async () => {
    const app = newApp();
    const note = await createNote(app, { content: 'body' });

    const res = await request(app).get(`${BASE}/${note.id}`).expect(200);

    expect(res.body).toMatchObject({ id: note.id, content: 'body' });
  });

  it('answers 404 for an unknown id', async () => {
    const res = await request(newApp()).get(`${BASE}/${crypto.randomUUID()}`);

    expectProblem(res, 404);
  });

  it('answers 400 (not 500) for a path with a malformed percent-encoding', async () => {
    const res = await request(newApp()).get(`${BASE}/%E0%A4%A`);

    expect(expectProblem(res, 400).detail).toMatch(/percent-encoding/);
  });

  it('answers 400 for an id that is not a UUID', async () => {
    const res = await request(newApp()).get(`${BASE}/not-a-uuid`);

    expect(fieldsOf(expectProblem(res, 400))).toEqual(['params.id']);
  });
});

describe('GET /api/v1/notes', () => {
  async function appWithNotes() {
    const app = newApp();
    await createNote(app, { title: 'Express routing', tags: ['express'], pinned: true });
    await createNote(app, { title: 'Zod schemas', content: 'validate EXPRESS input', tags: ['zod'] });
    await createNote(app, { title: 'Groceries', tags: ['home'] });
    return app;
  }

  it('lists newest first by default with the page envelope', async () => {
    const app = await appWithNotes();

    const res = await request(app).get(BASE).expect(200);

    expect(res.body).toMatchObject({ page: 1, limit: 20, total: 3, totalPages: 1 });
    expect(res.body.data.map((n: { title: string }) => n.title)).toEqual([
      'Groceries',
      'Zod schemas',
      'Express routing',
    ]);
  });

  it('searches q in title and content, case-insensitively', async () => {
    const res = await request(await appWithNotes())
      .get(BASE)
      .query({ q: 'express' })
      .expect(200);

    expect(res.body.total).toBe(2);
  });

  it('filters by tag and by pinned', async () => {
    const app = await appWithNotes();

    const byTag = await request(app).get(BASE).query({ tag: 'ZOD' }).expect(200);
    const pinned = await request(app).get(BASE).query({ pinned: 'true' }).expect(200);
    const unpinned = await request(app).get(BASE).query({ pinned: 'false' }).expect(200);

    expect(byTag.body.data.map((n: { title: string }) => n.title)).toEqual(['Zod schemas']);
    expect(pinned.body.data.map((n: { title: string }) => n.title)).toEqual(['Express routing']);
    expect(unpinned.body.total).toBe(2);
  });

  it('sorts by title ascending and descending', async () => {
    const app = await appWithNotes();

    const asc = await request(app).get(BASE).query({ sort: 'title' }).expect(200);
    const desc = await request(app).get(BASE).query({ sort: '-title' }).expect(200);

    const titles = (res: request.Response) => res.body.data.map((n: { title: string }) => n.title);
    expect(titles(asc)).toEqual(['Express routing', 'Groceries', 'Zod schemas']);
    expect(titles(desc)).toEqual(['Zod schemas', 'Groceries', 'Express routing']);
  });

  it('sorts by updatedAt so a just-edited note comes first', async () => {
    const app = await appWithNotes();
    const all = await request(app).get(BASE).query({ sort: 'createdAt' }).expect(200);
    const oldest = all.body.data[0] as { id: string };
    await request(app).patch(`${BASE}/${oldest.id}`).send({ content: 'edited' }).expect(200);

    const res = await request(app).get(BASE).query({ sort: '-updatedAt' }).expect(200);

    expect(res.body.data[0].id).toBe(oldest.id);
  });

  it('pages with page and limit, and answers an empty page past the end', async () => {
    const app = await appWithNotes();

    const second = await request(app).get(BASE).query({ page: 2, limit: 2 }).expect(200);
    const beyond = await request(app).get(BASE).query({ page: 9, limit: 2 }).expect(200);

    expect(second.body).toMatchObject({ page: 2, limit: 2, total: 3, totalPages: 2 });
    expect(second.body.data).toHaveLength(1);
    expect(beyond.body.data).toEqual([]);
  });

  it('answers 400 for a bad page, limit over the cap, unknown sort or a non-boolean pinned', async () => {
    const res = await request(newApp()).get(BASE).query({ page: 0, limit: 101, sort: 'colour', pinned: 'maybe' });

    expect(fieldsOf(expectProblem(res, 400)).sort()).toEqual([
      'query.limit',
      'query.page',
      'query.pinned',
      'query.sort',
    ]);
  });

  it('answers 400 when a parameter is repeated', async () => {
    const res = await request(newApp()).get(`${BASE}?tag=a&tag=b`);

    expect(fieldsOf(expectProblem(res, 400))).toEqual(['query.tag']);
  });
});

describe('PUT /api/v1/notes/:id', () => {
  it('replaces the note, keeping id and createdAt', async () => {
    const app = newApp();
    const note = await createNote(app, { content: 'old', tags: ['x'], pinned: true });

    const res = await request(app).put(`${BASE}/${note.id}`).send({ title: 'Replaced' }).expect(200);

    expect(res.body).toMatchObject({
      id: note.id,
      title: 'Replaced',
      content: '',
      tags: [],
      pinned: false,
      createdAt: note.createdAt,
    });
    expect(res.body.updatedAt > note.updatedAt).toBe(true);
  });

  it('answers 400 without a title, 404 for an unknown id', async () => {
    const app = newApp();
    const note = await createNote(app);

    expect(fieldsOf(expectProblem(await request(app).put(`${BASE}/${note.id}`).send({ content: 'x' }), 400))).toEqual([
      'body.title',
    ]);
    expectProblem(await request(app).put(`${BASE}/${crypto.randomUUID()}`).send({ title: 'x' }), 404);
  });
});

describe('PATCH /api/v1/notes/:id', () => {
  it('changes only the sent fields', async () => {
    const app = newApp();
    const note = await createNote(app, { content: 'keep', tags: ['a'] });

    const res = await request(app).patch(`${BASE}/${note.id}`).send({ pinned: true }).expect(200);

    expect(res.body).toMatchObject({ title: 'A note', content: 'keep', tags: ['a'], pinned: true });
  });

  it('answers 400 for an empty patch or an invalid value, 404 for an unknown id', async () => {
    const app = newApp();
    const note = await createNote(app);

    expectProblem(await request(app).patch(`${BASE}/${note.id}`).send({}), 400);
    expect(
      fieldsOf(
        expectProblem(
          await request(app)
            .patch(`${BASE}/${note.id}`)
            .send({ title: 'x'.repeat(201) }),
          400,
        ),
      ),
    ).toEqual(['body.title']);
    expectProblem(await request(app).patch(`${BASE}/${crypto.randomUUID()}`).send({ pinned: true }), 404);
  });

  it('does not change the note when the patch is invalid', async () => {
    const app = newApp();
    const note = await createNote(app, { content: 'original' });

    await request(app).patch(`${BASE}/${note.id}`).send({ content: 'new', pinned: 'nope' }).expect(400);

    const res = await request(app).get(`${BASE}/${note.id}`).expect(200);
    expect(res.body.content).toBe('original');
  });
});

describe('DELETE /api/v1/notes/:id', () => {
  it('deletes the note, then answers 404 for it', async () => {
    const app = newApp();
    const note = await createNote(app);

    await request(app).delete(`${BASE}/${note.id}`).expect(204);

    expectProblem(await request(app).get(`${BASE}/${note.id}`), 404);
    expectProblem(await request(app).delete(`${BASE}/${note.id}`), 404);
  });
});

describe('the rest of the app', () => {
  it('answers 404 problem+json for an unknown route and method', async () => {
    const app = newApp();

    expectProblem(await request(app).get('/nowhere'), 404);
    expectProblem(await request(app).post(`${BASE}/${crypto.randomUUID()}`).send({}), 404);
  });

  it('echoes a valid X-Request-Id and puts it in problems', async () => {
    const res = await request(newApp()).get('/nowhere').set('X-Request-Id', 'trace-123');

    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.body.requestId).toBe('trace-123');
  });

  it('serves liveness and readiness, and is not ready while draining', async () => {
    await request(newApp()).get('/healthz').expect(200, { status: 'ok' });
    await request(newApp()).get('/readyz').expect(200);
    const draining = await request(newApp({ draining: true })).get('/readyz');

    expect(draining.status).toBe(503);
    expect(draining.body.status).toBe('draining');
  });

  it('serves an OpenAPI document listing every notes operation, and Swagger UI', async () => {
    const app = newApp();

    const doc = await request(app).get('/openapi.json').expect(200);
    const ui = await request(app).get('/docs/').expect(200);

    expect(Object.keys(doc.body.paths[BASE]).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.body.paths[`${BASE}/{id}`]).sort()).toEqual(['delete', 'get', 'patch', 'put']);
    expect(ui.text).toContain('swagger-ui');
  });

  it('sends security headers and no X-Powered-By', async () => {
    const res = await request(newApp()).get('/healthz');

    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
