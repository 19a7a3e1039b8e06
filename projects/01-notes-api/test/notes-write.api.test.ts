/** The Notes API through HTTP: creating, replacing, changing and deleting notes, and every error case. */
import { expectProblem, fieldsOf } from '@roadmap/testing';
import request from 'supertest';
import { BASE, createNote, useNotesHarness } from './harness.js';

const h = useNotesHarness('notes-write');

describe('POST /api/v1/notes', () => {
  it('creates a note with defaults, a Location header and timestamps', async () => {
    const app = h.newApp();

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
    const res = await request(h.newApp())
      .post(BASE)
      .send({ title: '', content: 5, tags: ['ok', 'x'.repeat(31)], pinned: 'yes' });

    const problem = expectProblem(res, 400);
    expect(fieldsOf(problem).sort()).toEqual(['body.content', 'body.pinned', 'body.tags.1', 'body.title']);
  });

  it('answers 400 when the title is missing or the body is not an object', async () => {
    const app = h.newApp();

    const untitled = await request(app).post(BASE).send({});
    const notAnObject = await request(app).post(BASE).send([1, 2]);

    expect(fieldsOf(expectProblem(untitled, 400))).toContain('body.title');
    expectProblem(notAnObject, 400);
  });

  it('answers 400 naming an unknown field', async () => {
    const res = await request(h.newApp()).post(BASE).send({ title: 't', id: 'mine' });

    expect(expectProblem(res, 400).errors?.[0]?.message).toMatch(/unrecognized key/i);
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await request(h.newApp()).post(BASE).set('content-type', 'application/json').send('{"title": ');

    expect(expectProblem(res, 400).detail).toMatch(/not valid JSON/);
  });

  it('answers 400 when the body is not JSON at all', async () => {
    const res = await request(h.newApp()).post(BASE).set('content-type', 'text/plain').send('title=hello');

    expectProblem(res, 400);
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await request(h.newApp())
      .post(BASE)
      .send({ title: 't', content: 'x'.repeat(70 * 1024) });

    expectProblem(res, 413);
  });

  it('answers 400 (not 413) for content over 10,000 characters inside the body limit', async () => {
    const res = await request(h.newApp())
      .post(BASE)
      .send({ title: 't', content: 'x'.repeat(10_001) });

    expect(fieldsOf(expectProblem(res, 400))).toEqual(['body.content']);
  });

  it('answers 507 once the store is full', async () => {
    const app = h.newApp({ maxNotes: 1 });
    await createNote(app);

    const res = await request(app).post(BASE).send({ title: 'one too many' });

    expectProblem(res, 507);
  });
});

describe('PUT /api/v1/notes/:id', () => {
  it('replaces the note, keeping id and createdAt', async () => {
    const app = h.newApp();
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
    const app = h.newApp();
    const note = await createNote(app);

    const untitled = await request(app).put(`${BASE}/${note.id}`).send({ content: 'x' });
    const unknown = await request(app).put(`${BASE}/${crypto.randomUUID()}`).send({ title: 'x' });

    expect(fieldsOf(expectProblem(untitled, 400))).toEqual(['body.title']);
    expectProblem(unknown, 404);
  });
});

describe('PATCH /api/v1/notes/:id', () => {
  it('changes only the sent fields', async () => {
    const app = h.newApp();
    const note = await createNote(app, { content: 'keep', tags: ['a'] });

    const res = await request(app).patch(`${BASE}/${note.id}`).send({ pinned: true }).expect(200);

    expect(res.body).toMatchObject({ title: 'A note', content: 'keep', tags: ['a'], pinned: true });
  });

  it('answers 400 for an empty patch or an invalid value, 404 for an unknown id', async () => {
    const app = h.newApp();
    const note = await createNote(app);

    const empty = await request(app).patch(`${BASE}/${note.id}`).send({});
    const tooLong = await request(app)
      .patch(`${BASE}/${note.id}`)
      .send({ title: 'x'.repeat(201) });
    const unknown = await request(app).patch(`${BASE}/${crypto.randomUUID()}`).send({ pinned: true });

    expectProblem(empty, 400);
    expect(fieldsOf(expectProblem(tooLong, 400))).toEqual(['body.title']);
    expectProblem(unknown, 404);
  });

  it('does not change the note when the patch is invalid', async () => {
    const app = h.newApp();
    const note = await createNote(app, { content: 'original' });

    await request(app).patch(`${BASE}/${note.id}`).send({ content: 'new', pinned: 'nope' }).expect(400);

    const res = await request(app).get(`${BASE}/${note.id}`).expect(200);
    expect(res.body.content).toBe('original');
  });
});

describe('DELETE /api/v1/notes/:id', () => {
  it('deletes the note, then answers 404 for it', async () => {
    const app = h.newApp();
    const note = await createNote(app);

    const deleted = await request(app).delete(`${BASE}/${note.id}`);

    expect(deleted.status).toBe(204);
    expectProblem(await request(app).get(`${BASE}/${note.id}`), 404);
    expectProblem(await request(app).delete(`${BASE}/${note.id}`), 404);
  });
});
