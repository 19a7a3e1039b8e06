/** The shared harness: isolated services, cleanup, the test clock, listen() and the conformance check. */
import {
  buildOpenApiDocument,
  createApiRegistry,
  createBaseApp,
  finishApp,
  jsonResponse,
  methodNotAllowed,
  NotFoundError,
  problemResponses,
} from '@roadmap/core';
import { Client } from 'pg';
import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { createTestClock } from '../src/clock.js';
import { startHarness } from '../src/harness.js';
import { listen } from '../src/listen.js';
import { testLogger } from '../src/logger.js';
import { createConformance } from '../src/openapi-conformance.js';
import { testServices } from '../src/services.js';

/** A two-route API and its document: GET /items/{id} answers 200 { id, name } or 404. */
function itemsApi(answer: (id: string) => unknown = (id) => ({ id, name: 'thing' })) {
  const registry = createApiRegistry();
  registry.registerPath({
    method: 'get',
    path: '/items/{id}',
    request: { params: z.object({ id: z.string() }) },
    responses: {
      200: jsonResponse('An item.', z.object({ id: z.string(), name: z.string() })),
      ...problemResponses(404),
    },
  });
  const document = buildOpenApiDocument(registry, { title: 'items', version: '1', description: 'test' });
  const app = createBaseApp({ logger: testLogger('items') });
  app.use(methodNotAllowed(document));
  app.get('/items/:id', (req, res) => {
    if (req.params.id === 'missing') throw new NotFoundError('No such item.');
    if (req.params.id === 'teapot') {
      res.status(418).json({ id: 'teapot' });
      return;
    }
    res.json(answer(req.params.id));
  });
  return { app: finishApp(app), document };
}

describe('the conformance check', () => {
  it('passes documented answers, the 404 problem of a route the API does not have, and the 405 of a method', async () => {
    const { app, document } = itemsApi();
    const conformance = createConformance(document);
    const checked = conformance.wrap(app);

    await request(checked).get('/items/1').expect(200);
    await request(checked).head('/items/1').expect(200);
    await request(checked).get('/items/missing').expect(404);
    await request(checked).get('/nowhere').expect(404);
    await request(checked).delete('/items/1').expect(405).expect('Allow', 'GET, HEAD');

    expect(conformance.violations).toEqual([]);
  });

  it('reports a method the document does not list that is not answered 405 with the documented Allow', async () => {
    const { document } = itemsApi();
    const app = express();
    app.delete('/items/:id', (_req, res) => {
      res.status(404).type('application/problem+json').send('{"type":"t","title":"Not Found","status":404}');
    });
    app.post('/items/:id', (_req, res) => {
      res
        .status(405)
        .set('Allow', 'GET')
        .type('application/problem+json')
        .send('{"type":"t","title":"t","status":405}');
    });
    const conformance = createConformance(document);

    await request(conformance.wrap(app)).delete('/items/1');
    await request(conformance.wrap(app)).post('/items/1');

    expect(conformance.violations).toEqual([
      'DELETE /items/1 -> 404: method not documented for /items/1, so it must answer 405',
      'POST /items/1 -> 405: Allow is "GET", the document lists GET, HEAD',
    ]);
  });

  it('reports an undocumented status and a body that does not match its schema', async () => {
    const { app, document } = itemsApi((id) => ({ id, name: 42 }));
    const conformance = createConformance(document);
    const checked = conformance.wrap(app);

    await request(checked).get('/items/teapot');
    await request(checked).get('/items/2');

    expect(conformance.violations).toEqual([
      'GET /items/teapot -> 418: status not documented for get /items/{id}',
      'GET /items/2 -> 200: body/name must be string',
    ]);
  });

  it('fails the test through assertConforms, then starts over', async () => {
    const { app, document } = itemsApi();
    const conformance = createConformance(document);
    await request(conformance.wrap(app)).get('/items/teapot');

    expect(() => conformance.assertConforms()).toThrow(/status not documented/);
    expect(conformance.violations).toEqual([]);
  });

  it('checks each response once, however often an app is wrapped', async () => {
    const { app, document } = itemsApi();
    const conformance = createConformance(document);

    const twice = conformance.wrap(conformance.wrap(app));
    await request(twice).get('/items/teapot');

    expect(twice).toBe(conformance.wrap(app));
    expect(conformance.violations).toHaveLength(1);
  });

  it('adds no header of its own', async () => {
    const { app, document } = itemsApi();

    const res = await request(createConformance(document).wrap(app)).get('/items/1');

    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('startHarness', () => {
  it('gives each harness its own database and Redis prefix, and removes them on cleanup', async () => {
    const build = async (ctx: Parameters<Parameters<typeof startHarness>[1]>[0]) => {
      const db = await ctx.mongo();
      const redis = await ctx.redis();
      return { app: itemsApi().app, db, redis };
    };
    const a = await startHarness('harness-isolation', build);
    const b = await startHarness('harness-isolation', build);
    await a.db.connection.collection('things').insertOne({ n: 1 });
    await a.redis.redis.set(`${a.redis.prefix}k`, '1');

    await a.cleanup();

    expect(a.db.dbName).not.toBe(b.db.dbName);
    expect(a.redis.prefix).not.toBe(b.redis.prefix);
    const databases = await b.db.connection.listDatabases();
    expect(databases.databases.map((d) => d.name)).not.toContain(a.db.dbName);
    expect(await b.redis.redis.get(`${a.redis.prefix}k`)).toBeNull();
    await b.cleanup();
  });

  it('starts each service once, runs cleanup steps last-registered first, and is safe to clean twice', async () => {
    const order: string[] = [];
    const h = await startHarness('harness-order', async (ctx) => {
      const [first, again] = await Promise.all([ctx.tempDir(), ctx.tempDir()]);
      ctx.onCleanup(() => order.push('registered first'));
      ctx.onCleanup(() => order.push('registered last'));
      return { app: itemsApi().app, dirs: [first, again] };
    });

    await h.cleanup();
    await h.cleanup();

    expect(h.dirs[0]).toBe(h.dirs[1]);
    expect(order).toEqual(['registered last', 'registered first']);
  });

  it('removes what the builder started when the builder fails', async () => {
    let dbName = '';
    const attempt = startHarness('harness-failing', async (ctx) => {
      dbName = (await ctx.mongo()).dbName;
      throw new Error('the app could not be built');
    });
    await expect(attempt).rejects.toThrow('the app could not be built');
    const probe = await startHarness('harness-probe', async (ctx) => ({ app: itemsApi().app, db: await ctx.mongo() }));

    const databases = await probe.db.connection.listDatabases();

    expect(databases.databases.map((d) => d.name)).not.toContain(dbName);
    await probe.cleanup();
  });

  it('checks the responses of the app, and of any replica passed through ctx.conform', async () => {
    const { document } = itemsApi();
    const h = await startHarness(
      'harness-conform',
      (ctx) => ({ app: itemsApi().app, replica: ctx.conform(itemsApi().app) }),
      { openApi: document },
    );

    await request(h.app).get('/items/teapot');
    await request(h.replica).get('/items/teapot');

    expect(h.violations).toHaveLength(2);
    await h.cleanup();
  });

  it("checks a second service's responses against its own document, pooling the violations", async () => {
    const shop = itemsApi();
    const other = itemsApi();
    const h = await startHarness(
      'harness-two-documents',
      (ctx) => ({ app: shop.app, payments: ctx.conform(other.app, other.document) }),
      { openApi: shop.document },
    );

    await request(h.payments).get('/items/teapot');
    await request(h.payments).get('/items/7');

    expect(h.violations).toEqual([expect.stringContaining('GET /items/teapot -> 418')]);
    await h.cleanup();
  });

  it('leaves unchecked the paths it is told are not API operations (a web page)', async () => {
    const { app: api, document } = itemsApi();
    const app = express();
    app.get('/admin/', (_req, res) => {
      res.type('html').send('<!doctype html><title>page</title>');
    });
    app.use(api);
    const checked = await startHarness('harness-page', () => ({ app }), { openApi: document });
    const ignoring = await startHarness('harness-ignore', () => ({ app }), {
      openApi: document,
      ignorePaths: /^\/admin\//,
    });

    await request(checked.app).get('/admin/');
    await request(ignoring.app).get('/admin/');

    expect(checked.violations).toEqual([
      expect.stringContaining('GET /admin/ -> 200: path not in the OpenAPI document'),
    ]);
    expect(ignoring.violations).toEqual([]);
    await Promise.all([checked.cleanup(), ignoring.cleanup()]);
  });

  it('gives each harness a PostgreSQL database of its own, dropped at clean-up', async () => {
    const h = await startHarness('harness-pg-database', async (ctx) => ({
      app: itemsApi().app,
      database: await ctx.pgDatabase(),
    }));
    const client = new Client({ connectionString: h.database.url });
    await client.connect();
    const { rows } = await client.query<{ name: string }>('select current_database() as name');
    await client.end();

    await h.cleanup();

    expect(rows[0]?.name).toBe(h.database.name);
    const admin = new Client({ connectionString: testServices.databaseUrl });
    await admin.connect();
    const left = await admin.query('select 1 from pg_database where datname = $1', [h.database.name]);
    await admin.end();
    expect(left.rowCount).toBe(0);
  });

  it('reaches PostgreSQL and RabbitMQ through fault proxies that the test can cut', async () => {
    const h = await startHarness('harness-sql-faults', async (ctx) => ({
      app: itemsApi().app,
      endpoints: await ctx.endpoints({ postgres: true, amqp: true }),
      database: await ctx.pgDatabase(),
    }));
    const { postgres, amqp } = h.endpoints.proxies;
    if (!postgres || !amqp) throw new Error('the harness gave no PostgreSQL or RabbitMQ proxy');
    const through = new Client({ connectionString: postgres.url(h.database.url) });
    through.on('error', () => undefined);
    await through.connect();
    const { rows } = await through.query<{ name: string }>('select current_database() as name');

    postgres.cut();

    await expect(through.query('select 1')).rejects.toThrow();
    await through.end().catch(() => undefined);
    expect(rows[0]?.name).toBe(h.database.name);
    expect(new URL(h.endpoints.databaseUrl).port).toBe(String(postgres.port));
    expect(new URL(h.endpoints.amqpUrl).port).toBe(String(amqp.port));
    await h.cleanup();
  });
});

describe('createTestClock', () => {
  it('moves only when told, and says what time it is n ms from now', () => {
    const clock = createTestClock(new Date('2030-01-01T00:00:00Z'));
    const { now } = clock;

    clock.advance(60_000);

    expect(now().toISOString()).toBe('2030-01-01T00:01:00.000Z');
    expect(clock.after(1000).toISOString()).toBe('2030-01-01T00:01:01.000Z');
    clock.set(new Date('2031-01-01T00:00:00Z'));
    expect(now().getUTCFullYear()).toBe(2031);
  });
});

describe('listen', () => {
  it('serves the app on a loopback URL until closed', async () => {
    const server = await listen(itemsApi().app);

    const res = await fetch(`${server.url}/items/7`);
    await server.close();
    await server.close();

    expect(await res.json()).toEqual({ id: '7', name: 'thing' });
    await expect(fetch(`${server.url}/items/7`)).rejects.toThrow();
  });
});
