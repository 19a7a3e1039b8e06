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

  it('says where a token comes from: the auth service docs and the demo accounts', () => {
    const registry = createApiRegistry();

    registerBearerAuth(registry, 'An admin token.');
    const document = buildOpenApiDocument(registry, { title: 't', version: '1', description: 'd' });
    const { description } = document.components?.securitySchemes?.bearerAuth as { description: string };

    expect(description).toMatch(/^An admin token\. Get one from the auth service/);
    expect(description).toContain('[its API docs](/auth/docs/)');
    expect(description).toContain('`demo@example.com` / `Demo-password-1`');
    expect(description).toContain('`admin@example.com` / `Admin-password-1`');
  });
});

describe('docsRoutes behind a path-prefixing proxy', () => {
  const registry = createApiRegistry();
  registerHealthPaths(registry);
  const document = buildOpenApiDocument(registry, { title: 'Docs test', version: '1', description: 'd' });
  // Supertest connects from loopback: the edge on the same machine, as scripts/start.sh runs it.
  const app = express().set('trust proxy', ['loopback']).use(docsRoutes(document));
  const untrusting = express().set('trust proxy', 0).use(docsRoutes(document));

  it('names the forwarded prefix as the server in /openapi.json, varying on it', async () => {
    const response = await request(app).get('/openapi.json').set('X-Forwarded-Prefix', '/blog');

    expect(response.body.servers).toEqual([{ url: '/blog' }]);
    expect(response.body.paths['/readyz']).toBeDefined();
    expect(response.headers.vary).toContain('X-Forwarded-Prefix');
  });

  it('ignores the prefix from a peer that is not a trusted proxy (TRUST_PROXY=0), in the document and the page', async () => {
    const spec = await request(untrusting).get('/openapi.json').set('X-Forwarded-Prefix', '/evil');
    const init = await request(untrusting).get('/docs/swagger-ui-init.js').set('X-Forwarded-Prefix', '/evil');

    expect(spec.body.servers).toBeUndefined();
    expect(spec.headers.vary).toBeUndefined();
    expect(init.text).not.toContain('/evil');
  });

  it('keeps Authorize across reloads and docs pages (persistAuthorization)', async () => {
    const init = await request(app).get('/docs/swagger-ui-init.js');

    expect(init.text).toContain('"persistAuthorization": true');
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
