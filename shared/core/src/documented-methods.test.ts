import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { methodNotAllowed, pathTemplatePattern } from './documented-methods.js';
import { buildOpenApiDocument, createApiRegistry, jsonResponse } from './openapi.js';
import { errorHandler, notFoundHandler } from './problem.js';

function postsApp() {
  const registry = createApiRegistry();
  const ok = { 200: jsonResponse('OK.', z.object({})) };
  registry.registerPath({ method: 'get', path: '/posts', responses: ok });
  registry.registerPath({ method: 'post', path: '/posts', responses: ok });
  registry.registerPath({ method: 'get', path: '/posts/mine', responses: ok });
  registry.registerPath({ method: 'patch', path: '/posts/{id}', responses: ok });
  const document = buildOpenApiDocument(registry, { title: 't', version: '1', description: 'd' });
  const app = express();
  app.use(methodNotAllowed(document));
  // Behind authentication, as an API's routers often are: a 405 must not depend on a token.
  app.use('/posts', (_req, res) => {
    res.status(401).end();
  });
  app.use(notFoundHandler());
  app.use(errorHandler());
  return app;
}

describe('pathTemplatePattern', () => {
  it('matches one segment per parameter, any case, with or without a trailing slash, as Express does', () => {
    const pattern = pathTemplatePattern('/api/v1/posts/{id}/comments');

    expect(pattern.test('/api/v1/posts/abc/comments')).toBe(true);
    expect(pattern.test('/API/v1/posts/abc/comments/')).toBe(true);
    expect(pattern.test('/api/v1/posts/a/b/comments')).toBe(false);
    expect(pattern.test('/api/v1/posts/abc/comments/x')).toBe(false);
  });
});

describe('methodNotAllowed', () => {
  it('answers 405 problem+json with Allow before any router, for a method the document does not list', async () => {
    const res = await request(postsApp()).delete('/posts');

    expect(res.status).toBe(405);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers.allow).toBe('GET, POST, HEAD');
    expect(res.body).toMatchObject({ status: 405, allowed: ['GET', 'POST', 'HEAD'] });
  });

  it('allows what any matching path lists (`/posts/mine` is also `/posts/{id}`), and HEAD wherever GET is', async () => {
    const app = postsApp();

    const patch = await request(app).patch('/posts/mine');
    const head = await request(app).head('/posts/mine');
    const put = await request(app).put('/posts/mine');

    expect(patch.status).toBe(401);
    expect(head.status).toBe(401);
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, HEAD, PATCH');
  });

  it('leaves OPTIONS (CORS preflights) and paths the document does not list to the routes', async () => {
    const app = postsApp();

    const options = await request(app).options('/posts');
    const elsewhere = await request(app).delete('/nowhere');

    expect(options.status).toBe(401);
    expect(elsewhere.status).toBe(404);
  });
});
