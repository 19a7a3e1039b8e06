import { expectProblem, fieldsOf } from '@roadmap/testing';
import request from 'supertest';
import { createConformanceChecker } from '@roadmap/testing';
import { createOpenApiDocument } from '../src/app.js';
import { useBlogHarness, type Harness } from './harness.js';
import { makeUser, type TestUser } from './fixtures.js';

const h = useBlogHarness('blog-platform');

describe('health, docs and errors', () => {
  it('answers /healthz and /readyz with MongoDB and Redis checks', async () => {
    expect((await request(h.app).get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await request(h.app).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ mongo: { status: 'up' }, redis: { status: 'up' } });
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const doc = await request(h.app).get('/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.body.paths as object);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/posts',
        '/api/v1/posts/{id}',
        '/api/v1/posts/{id}/approve',
        '/api/v1/posts/{id}/reject',
        '/api/v1/posts/{id}/cover',
        '/api/v1/posts/{id}/comments/{commentId}',
        '/api/v1/categories/{id}',
        '/uploads/{name}',
      ]),
    );
    const docs = await request(h.app).get('/docs/');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
  });

  it('answers unknown routes with problem+json, never HTML', async () => {
    const res = await request(h.app).get('/nope');
    expectProblem(res, 404);
    h.violations.length = 0; // an unknown path is by definition not in the document
  });

  it('answers 503 problem+json with Retry-After, as the document says, when MongoDB is lost mid-request', async () => {
    const lost = Object.assign(new Error('Server selection timed out after 5000 ms'), {
      name: 'MongoServerSelectionError',
    });
    const spy = jest.spyOn(h.models.Post, 'countDocuments').mockImplementationOnce(() => {
      throw lost;
    });
    const res = await request(h.app).get('/api/v1/posts');
    spy.mockRestore();
    expectProblem(res, 503);
    expect(res.headers['retry-after']).toBe('2');
  });

  it('documents the 503 on every API operation', async () => {
    const doc = await request(h.app).get('/openapi.json');
    const paths = doc.body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    const missing = Object.entries(paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, item]) =>
        Object.entries(item)
          .filter(([, operation]) => !('503' in operation.responses))
          .map(([method]) => `${method} ${path}`),
      );
    expect(missing).toEqual([]);
  });

  it('answers a too-large JSON body with 413 problem+json', async () => {
    const user = makeUser(h.issuer);
    const res = await request(h.app)
      .post('/api/v1/posts')
      .set(user.header)
      .send({ title: 'big', body: 'x'.repeat(300_000) });
    expectProblem(res, 413);
  });
});

describe('every endpoint answers 401 without a token, 400 for a malformed id and 404 for an unknown one', () => {
  const UNKNOWN = '0123456789abcdef01234567';
  type Call = (app: Harness['app'], id: string, user?: TestUser) => request.Test;
  const withUser = (test: request.Test, user?: TestUser) => (user ? test.set(user.header) : test);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
  const endpoints: [string, 'user' | 'admin' | 'public', Call][] = [
    ['GET /posts/{id}', 'public', (app, id, u) => withUser(request(app).get(`/api/v1/posts/${id}`), u)],
    [
      'GET /posts/{id}/comments',
      'public',
      (app, id, u) => withUser(request(app).get(`/api/v1/posts/${id}/comments`), u),
    ],
    ['GET /categories/{id}', 'public', (app, id, u) => withUser(request(app).get(`/api/v1/categories/${id}`), u)],
    [
      'PATCH /posts/{id}',
      'user',
      (app, id, u) => withUser(request(app).patch(`/api/v1/posts/${id}`), u).send({ version: 1, title: 'x' }),
    ],
    ['DELETE /posts/{id}', 'user', (app, id, u) => withUser(request(app).delete(`/api/v1/posts/${id}`), u)],
    ['POST /posts/{id}/submit', 'user', (app, id, u) => withUser(request(app).post(`/api/v1/posts/${id}/submit`), u)],
    [
      'POST /posts/{id}/withdraw',
      'user',
      (app, id, u) => withUser(request(app).post(`/api/v1/posts/${id}/withdraw`), u),
    ],
    [
      'POST /posts/{id}/approve',
      'admin',
      (app, id, u) => withUser(request(app).post(`/api/v1/posts/${id}/approve`), u),
    ],
    [
      'POST /posts/{id}/reject',
      'admin',
      (app, id, u) => withUser(request(app).post(`/api/v1/posts/${id}/reject`), u).send({ reason: 'Because.' }),
    ],
    [
      'PUT /posts/{id}/cover',
      'user',
      (app, id, u) => withUser(request(app).put(`/api/v1/posts/${id}/cover`), u).attach('cover', png, 'c.png'),
    ],
    ['DELETE /posts/{id}/cover', 'user', (app, id, u) => withUser(request(app).delete(`/api/v1/posts/${id}/cover`), u)],
    [
      'POST /posts/{id}/comments',
      'user',
      (app, id, u) => withUser(request(app).post(`/api/v1/posts/${id}/comments`), u).send({ body: 'x' }),
    ],
    [
      'DELETE /posts/{id}/comments/{commentId}',
      'user',
      (app, id, u) => withUser(request(app).delete(`/api/v1/posts/${id}/comments/${UNKNOWN}`), u),
    ],
    [
      'PATCH /categories/{id}',
      'admin',
      (app, id, u) => withUser(request(app).patch(`/api/v1/categories/${id}`), u).send({ name: 'x' }),
    ],
    ['DELETE /categories/{id}', 'admin', (app, id, u) => withUser(request(app).delete(`/api/v1/categories/${id}`), u)],
  ];

  it.each(endpoints)('%s', async (_name, who, call) => {
    const user = makeUser(h.issuer, who === 'admin' ? 'admin' : 'user');
    if (who !== 'public') expectProblem(await call(h.app, UNKNOWN), 401);
    expectProblem(await call(h.app, 'not-an-id', user), 400);
    expectProblem(await call(h.app, UNKNOWN, user), 404);
  });

  it('answers 400 with field errors for bad query parameters on every list', async () => {
    const user = makeUser(h.issuer);
    const admin = makeUser(h.issuer, 'admin');
    const mine = await request(h.app).get('/api/v1/posts/mine?status=live&limit=51').set(user.header);
    expect(fieldsOf(expectProblem(mine, 400))).toEqual(expect.arrayContaining(['query.status', 'query.limit']));
    const queue = await request(h.app).get('/api/v1/posts/review-queue?sort=title&page=0').set(admin.header);
    expect(fieldsOf(expectProblem(queue, 400))).toEqual(expect.arrayContaining(['query.sort', 'query.page']));
    const comments = await request(h.app).get(`/api/v1/posts/${UNKNOWN}/comments?limit=101&sort=body`);
    expect(fieldsOf(expectProblem(comments, 400))).toEqual(expect.arrayContaining(['query.limit', 'query.sort']));
  });

  it('GET /posts/by-slug/{slug}', async () => {
    expectProblem(await request(h.app).get('/api/v1/posts/by-slug/Not_A_Slug'), 400);
    expectProblem(await request(h.app).get('/api/v1/posts/by-slug/no-such-post'), 404);
  });
});

describe('the conformance checker', () => {
  const checker = createConformanceChecker(createOpenApiDocument());
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  const category = {
    id: 'a',
    name: 'n',
    slug: 's',
    description: '',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };

  it('accepts a body that matches the document', () => {
    expect(checker.check('GET', '/api/v1/categories/abc', 200, 'application/json', json(category))).toEqual([]);
  });

  it('reports a drifted body, an undocumented status and an unknown path', () => {
    const { slug: _slug, ...withoutSlug } = category;
    expect(checker.check('GET', '/api/v1/categories/abc', 200, 'application/json', json(withoutSlug))).toEqual([
      expect.stringContaining("must have required property 'slug'"),
    ]);
    expect(checker.check('GET', '/api/v1/categories/abc', 418, 'application/json', json({}))).toEqual([
      expect.stringContaining('status not documented'),
    ]);
    expect(checker.check('GET', '/api/v2/else', 200, 'application/json', json({}))).toEqual([
      expect.stringContaining('path not in the OpenAPI document'),
    ]);
    expect(checker.check('GET', '/api/v1/categories/abc', 200, 'text/html', Buffer.from('<p>'))).toEqual([
      expect.stringContaining('content type'),
    ]);
  });
});
