import { expectProblem, fieldsOf } from '@roadmap/testing';
import request from 'supertest';
import { REALWORLD_PATH } from '../src/app.js';
import { useBlogHarness } from './harness.js';
import { createPost, makeUser, publishedPost, type TestUser } from './fixtures.js';

const h = useBlogHarness('blog-robustness');
let user: TestUser;
let admin: TestUser;

beforeAll(async () => {
  user = makeUser(h.issuer);
  admin = makeUser(h.issuer, 'admin');
});

describe('hostile or odd input is a 4xx, never a 500', () => {
  it.each([
    '/api/v1/posts?tag=a&tag=b',
    '/api/v1/posts?q[$ne]=x&author[$gt]=',
    '/api/v1/posts?page=999999&limit=50',
    `/api/v1/posts?q=${encodeURIComponent('^(a+)+$')}`,
    '/api/v1/posts?from=2026-02-30',
    '/api/v1/posts?limit=-1',
    '/api/v1/posts?sort=',
  ])('GET %s', async (url) => {
    const res = await request(h.app).get(url);
    expect(res.status).toBeLessThan(500);
  });

  it.each([
    [{ title: 'x', version: 1, tags: 'not-a-list' }],
    [{ title: { $gt: '' } }],
    [{ title: 'x'.repeat(201) }],
    [{ title: 'x', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }],
    [[1, 2, 3]],
    ['"just a string"'],
  ])('POST /posts with %j', async (body) => {
    const res = await request(h.app)
      .post('/api/v1/posts')
      .set(user.header)
      .set('Content-Type', 'application/json')
      .send(typeof body === 'string' ? body : JSON.stringify(body));
    expectProblem(res, 400);
  });

  it('rejects a version sent as a string, and slugs drop symbols', async () => {
    const post = await createPost(h.app, user, { title: 'a+b=c' });
    expectProblem(
      await request(h.app).patch(`/api/v1/posts/${post.id}`).set(user.header).send({ version: '1', title: 'y' }),
      400,
    );
    const mine = await request(h.app).get(`/api/v1/posts/mine?limit=5`).set(user.header);
    expect(mine.body.data[0].slug).toBe('a-b-c');
  });

  it('rejects extra multipart fields on upload', async () => {
    const post = await createPost(h.app, user);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
    const res = await request(h.app)
      .put(`/api/v1/posts/${post.id}/cover`)
      .set(user.header)
      .field('note', 'hi')
      .attach('cover', png, 'c.png');
    expectProblem(res, 400);
    expect(await h.uploadedFiles()).toEqual([]);
  });

  it.each([
    [
      'a truncated part',
      'multipart/form-data; boundary=XYZ',
      '--XYZ\r\nContent-Disposition: form-data; name="cover"; filename="c.png"\r\n\r\nabc',
    ],
    ['no boundary', 'multipart/form-data', 'abc'],
  ])('answers 400 to a malformed multipart upload (%s) and stores nothing', async (_label, contentType, body) => {
    const post = await createPost(h.app, user);
    const res = await request(h.app)
      .put(`/api/v1/posts/${post.id}/cover`)
      .set(user.header)
      .set('Content-Type', contentType)
      .send(body);
    expectProblem(res, 400);
    expect(await h.uploadedFiles()).toEqual([]);
  });

  // FerretDB stores strings in PostgreSQL, which refuses NUL: these must be refused before the database.
  it('answers 400 to NUL characters in stored text and in query filters', async () => {
    const nul = 'a\u0000b';
    const post = await createPost(h.app, user);
    const live = await publishedPost(h.app, user, admin);
    const cases: [request.Test, string][] = [
      [request(h.app).post('/api/v1/posts').set(user.header).send({ title: nul }), 'body.title'],
      [request(h.app).post('/api/v1/posts').set(user.header).send({ title: 'ok', body: nul }), 'body.body'],
      [
        request(h.app).patch(`/api/v1/posts/${post.id}`).set(user.header).send({ version: post.version, excerpt: nul }),
        'body.excerpt',
      ],
      [request(h.app).post(`/api/v1/posts/${live.id}/comments`).set(user.header).send({ body: nul }), 'body.body'],
      [request(h.app).post('/api/v1/categories').set(admin.header).send({ name: nul }), 'body.name'],
      [request(h.app).get('/api/v1/posts?author=%00'), 'query.author'],
      [request(h.app).get('/api/v1/posts?q=a%00'), 'query.q'],
    ];
    for (const [call, field] of cases) expect(fieldsOf(expectProblem(await call, 400))).toEqual([field]);
  });
});

describe('the RealWorld mount answers in its own error shape', () => {
  it('answers malformed JSON with 422 { errors }, readable by a browser frontend', async () => {
    const res = await request(h.app)
      .post(`${REALWORLD_PATH}/users/login`)
      .set('Origin', 'https://conduit.example')
      .set('Content-Type', 'application/json')
      .send('{bad');

    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.body).toEqual({ errors: { body: ['The request body is not valid JSON.'] } });
  });

  it('answers a method the document does not list with 405, Allow and { errors }', async () => {
    const res = await request(h.app).delete(`${REALWORLD_PATH}/tags`);

    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.body).toEqual({ errors: { body: [expect.stringContaining('DELETE is not allowed')] } });
  });
});
