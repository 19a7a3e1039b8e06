import express from 'express';
import request from 'supertest';
import {
  buildOpenApiDocument,
  createApiRegistry,
  docsRoutes,
  registerBearerAuth,
  registerHealthPaths,
} from './openapi.js';

describe('registerBearerAuth', () => {
  it('registers the JWT bearer scheme and returns the security entry routes list', () => {
    const registry = createApiRegistry();

    const security = registerBearerAuth(registry);
    const document = buildOpenApiDocument(registry, { title: 't', version: '1', description: 'd' });

    expect(security).toEqual([{ bearerAuth: [] }]);
    expect(document.components?.securitySchemes?.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});

describe('docsRoutes behind a path-prefixing proxy', () => {
  const registry = createApiRegistry();
  registerHealthPaths(registry);
  const document = buildOpenApiDocument(registry, { title: 'Docs test', version: '1', description: 'd' });
  const app = express().use(docsRoutes(document));

  it('names the forwarded prefix as the server in /openapi.json', async () => {
    const response = await request(app).get('/openapi.json').set('X-Forwarded-Prefix', '/blog');

    expect(response.body.servers).toEqual([{ url: '/blog' }]);
    expect(response.body.paths['/readyz']).toBeDefined();
  });

  it('serves the document unchanged without the header, and ignores a prefix that is not a plain path', async () => {
    const plain = await request(app).get('/openapi.json');
    const odd = await request(app).get('/openapi.json').set('X-Forwarded-Prefix', 'https://evil.example/x');

    expect(plain.body.servers).toBeUndefined();
    expect(odd.body.servers).toBeUndefined();
  });

  it('puts the prefixed servers into the Swagger UI page it serves', async () => {
    const init = await request(app).get('/docs/swagger-ui-init.js').set('X-Forwarded-Prefix', '/blog');

    expect(init.status).toBe(200);
    expect(init.text).toContain('"url": "/blog"');
  });

  it('redirects /docs to the relative docs/, which resolves under any prefix', async () => {
    const response = await request(app).get('/docs?x=1');

    expect(response.status).toBe(301);
    expect(response.headers.location).toBe('docs/?x=1');
  });

  it('serves the Swagger UI page and its assets under /docs/', async () => {
    const page = await request(app).get('/docs/');
    const css = await request(app).get('/docs/swagger-ui.css');

    expect(page.text).toContain('<title>Docs test</title>');
    expect(page.text).toContain('src="./swagger-ui-init.js"');
    expect(css.status).toBe(200);
  });
});
