/** The Notes API through HTTP: reading one note and listing (search, filters, sort, pages). */
import { expectProblem, fieldsOf } from '@roadmap/testing';
import request from 'supertest';
import { BASE, createNote, useNotesHarness } from './harness.js';

const h = useNotesHarness('notes-read');

describe('GET /api/v1/notes/:id', () => {
  it('returns the note', async () => {
    const app = h.newApp();
    const note = await createNote(app, { content: 'body' });

    const res = await request(app).get(`${BASE}/${note.id}`).expect(200);

    expect(res.body).toMatchObject({ id: note.id, content: 'body' });
  });

  it('answers 404 for an unknown id', async () => {
    const res = await request(h.newApp()).get(`${BASE}/${crypto.randomUUID()}`);

    expectProblem(res, 404);
  });

  it('answers 400 (not 500) for a path with a malformed percent-encoding', async () => {
    const res = await request(h.newApp()).get(`${BASE}/%E0%A4%A`);

    expect(expectProblem(res, 400).detail).toMatch(/percent-encoding/);
  });

  it('answers 400 for an id that is not a UUID', async () => {
    const res = await request(h.newApp()).get(`${BASE}/not-a-uuid`);

    expect(fieldsOf(expectProblem(res, 400))).toEqual(['params.id']);
  });
});

describe('GET /api/v1/notes', () => {
  async function appWithNotes() {
    const app = h.newApp();
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
    const res = await request(h.newApp()).get(BASE).query({ page: 0, limit: 101, sort: 'colour', pinned: 'maybe' });

    expect(fieldsOf(expectProblem(res, 400)).sort()).toEqual([
      'query.limit',
      'query.page',
      'query.pinned',
      'query.sort',
    ]);
  });

  it('answers 400 when a parameter is repeated', async () => {
    const res = await request(h.newApp()).get(`${BASE}?tag=a&tag=b`);

    expect(fieldsOf(expectProblem(res, 400))).toEqual(['query.tag']);
  });
});
