/** Posts through HTTP: creating (slugs, validation), editing with optimistic concurrency, deleting. */
import { expectProblem, fieldsOf } from '@roadmap/testing';
import request from 'supertest';
import { useBlogHarness } from './harness.js';
import { createPost, makeRoles, publishedPost, type TestUser } from './fixtures.js';

const h = useBlogHarness('blog-posts');
let author: TestUser;
let other: TestUser;
let admin: TestUser;
beforeAll(() => ({ author, other, admin } = makeRoles(h.issuer)));

describe('creating posts', () => {
  it('creates a draft owned by the caller, with a slug from the title and an excerpt from the body', async () => {
    const res = await request(h.app)
      .post('/api/v1/posts')
      .set(author.header)
      .send({ title: 'Héllo, World!', body: '## Intro\n\nSome **bold** text.', tags: ['Node', 'node', 'api'] });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/posts/${res.body.id}`);
    expect(res.body).toMatchObject({
      title: 'Héllo, World!',
      slug: 'hello-world',
      status: 'draft',
      authorId: author.id,
      tags: ['node', 'api'],
      excerpt: 'Intro Some bold text.',
      version: 1,
      publishedAt: null,
      allowedActions: ['submit'],
    });
    expect(res.body).not.toHaveProperty('authorEmail');
  });

  it('gives colliding titles distinct slugs', async () => {
    const a = await createPost(h.app, author, { title: 'Same Title' });
    const b = await createPost(h.app, other, { title: 'Same title!' });
    const c = await createPost(h.app, author, { title: 'same  title' });
    expect([a.slug, b.slug, c.slug]).toEqual(['same-title', 'same-title-2', 'same-title-3']);
  });

  it('numbers the slugs of colliding long titles too', async () => {
    const title = `A very long title ${'that keeps going '.repeat(8)}`;
    const posts = [];
    for (let i = 0; i < 3; i += 1) posts.push(await createPost(h.app, author, { title }));
    const [first, second, third] = posts.map((p) => p.slug);
    expect([second, third]).toEqual([`${first}-2`, `${first}-3`]);
    expect(posts.every((p) => p.slug.length <= 80)).toBe(true);
  });

  it('gives distinct slugs to concurrent posts with the same title', async () => {
    const posts = await Promise.all(
      Array.from({ length: 6 }, () => createPost(h.app, author, { title: 'Race Condition' })),
    );
    expect(new Set(posts.map((p) => p.slug)).size).toBe(6);
  });

  it('requires a token', async () => {
    expectProblem(await request(h.app).post('/api/v1/posts').send({ title: 'x' }), 401);
  });

  it('rejects an invalid token', async () => {
    expectProblem(
      await request(h.app).post('/api/v1/posts').set('Authorization', 'Bearer nope').send({ title: 'x' }),
      401,
    );
  });

  it('answers 400 with field errors for bad input, including unknown fields', async () => {
    const res = await request(h.app)
      .post('/api/v1/posts')
      .set(author.header)
      .send({ title: '', tags: ['bad tag!'], status: 'published', categoryId: 'nope' });
    const problem = expectProblem(res, 400);
    expect(fieldsOf(problem)).toEqual(expect.arrayContaining(['body.title', 'body.tags.0', 'body.categoryId', 'body']));
  });

  it('answers 422 for a category that does not exist', async () => {
    const res = await request(h.app)
      .post('/api/v1/posts')
      .set(author.header)
      .send({ title: 'x', categoryId: '0123456789abcdef01234567' });
    expect(fieldsOf(expectProblem(res, 422))).toEqual(['body.categoryId']);
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await request(h.app)
      .post('/api/v1/posts')
      .set(author.header)
      .set('Content-Type', 'application/json')
      .send('{"title":');
    expectProblem(res, 400);
  });
});

describe('editing with optimistic concurrency', () => {
  it('answers 409 when saving over a newer version, and keeps the newer content', async () => {
    const post = await createPost(h.app, author, { title: 'Versioned' });
    const first = await request(h.app)
      .patch(`/api/v1/posts/${post.id}`)
      .set(author.header)
      .send({ version: post.version, title: 'Versioned, first edit' });
    expect(first.body.version).toBe(post.version + 1);
    const stale = await request(h.app)
      .patch(`/api/v1/posts/${post.id}`)
      .set(author.header)
      .send({ version: post.version, title: 'Stale edit' });
    expect(expectProblem(stale, 409)).toMatchObject({ currentVersion: post.version + 1, yourVersion: post.version });
    const now = await request(h.app).get(`/api/v1/posts/${post.id}`).set(author.header);
    expect(now.body).toMatchObject({ title: 'Versioned, first edit', slug: 'versioned' });
  });

  it('lets exactly one of two concurrent edits of the same version win', async () => {
    const post = await createPost(h.app, author);
    const results = await Promise.all(
      ['one', 'two'].map((title) =>
        request(h.app).patch(`/api/v1/posts/${post.id}`).set(author.header).send({ version: post.version, title }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('requires the version and at least one change', async () => {
    const post = await createPost(h.app, author);
    const missing = await request(h.app).patch(`/api/v1/posts/${post.id}`).set(author.header).send({ title: 'x' });
    expect(fieldsOf(expectProblem(missing, 400))).toContain('body.version');
    const empty = await request(h.app).patch(`/api/v1/posts/${post.id}`).set(author.header).send({ version: 1 });
    expectProblem(empty, 400);
  });

  it('refuses edits of pending and published posts (409) and by non-authors (403/404)', async () => {
    const post = await createPost(h.app, author);
    const pending = await request(h.app).post(`/api/v1/posts/${post.id}/submit`).set(author.header);
    expectProblem(
      await request(h.app)
        .patch(`/api/v1/posts/${post.id}`)
        .set(author.header)
        .send({ version: pending.body.version, title: 'x' }),
      409,
    );
    expectProblem(
      await request(h.app)
        .patch(`/api/v1/posts/${post.id}`)
        .set(admin.header)
        .send({ version: pending.body.version, title: 'x' }),
      403,
    );
    expectProblem(
      await request(h.app)
        .patch(`/api/v1/posts/${post.id}`)
        .set(other.header)
        .send({ version: pending.body.version, title: 'x' }),
      404,
    );
  });

  it('moves a post to another category, and back to none', async () => {
    const category = await h.models.Category.create({ name: 'Edit Cat', slug: 'edit-cat' });
    const post = await createPost(h.app, author);
    const moved = await request(h.app)
      .patch(`/api/v1/posts/${post.id}`)
      .set(author.header)
      .send({ version: post.version, categoryId: category._id.toString() });
    expect(moved.body.category).toMatchObject({ slug: 'edit-cat', name: 'Edit Cat' });
    const cleared = await request(h.app)
      .patch(`/api/v1/posts/${post.id}`)
      .set(author.header)
      .send({ version: moved.body.version, categoryId: null });
    expect(cleared.body.category).toBeNull();
  });
});

describe('deleting posts', () => {
  it('lets the author or an admin delete, not others', async () => {
    const mine = await publishedPost(h.app, author, admin);
    expectProblem(await request(h.app).delete(`/api/v1/posts/${mine.id}`).set(other.header), 403);
    expect((await request(h.app).delete(`/api/v1/posts/${mine.id}`).set(author.header)).status).toBe(204);
    expectProblem(await request(h.app).get(`/api/v1/posts/${mine.id}`), 404);
    const another = await createPost(h.app, author);
    expect((await request(h.app).delete(`/api/v1/posts/${another.id}`).set(admin.header)).status).toBe(204);
    expectProblem(await request(h.app).delete(`/api/v1/posts/${another.id}`).set(admin.header), 404);
  });

  it('answers 400 for a malformed id', async () => {
    expect(fieldsOf(expectProblem(await request(h.app).get('/api/v1/posts/not-an-id'), 400))).toEqual(['params.id']);
  });
});
