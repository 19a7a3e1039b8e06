/** The global error handler and validation middleware, through a small real Express app. */
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { createBaseApp, finishApp } from '../src/app.js';
import { ConflictError, TooManyRequestsError } from '../src/errors.js';
import { createLogger } from '../src/logger.js';
import { validate } from '../src/validate.js';

function appWith(mount: (app: express.Express) => void, lines: string[] = []) {
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const app = createBaseApp({ logger: createLogger({ name: 'test', level: 'debug', destination }), jsonLimit: '1kb' });
  mount(app);
  return finishApp(app);
}

describe('the global error handler', () => {
  it('answers a typed error as problem+json with its extensions and headers', async () => {
    const app = appWith((a) => {
      a.get('/conflict', () => {
        throw new ConflictError('Seat A1 is taken.', { extensions: { takenSeats: ['A1'] } });
      });
      a.get('/slow-down', () => {
        throw new TooManyRequestsError('Too many attempts.', 30);
      });
    });

    const conflict = await request(app).get('/conflict');
    const limited = await request(app).get('/slow-down');

    expect(conflict.status).toBe(409);
    expect(conflict.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(conflict.body).toMatchObject({
      status: 409,
      title: 'Conflict',
      detail: 'Seat A1 is taken.',
      takenSeats: ['A1'],
    });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('30');
  });

  it('answers an unexpected error, sync or async, as a 500 that leaks nothing and logs the error', async () => {
    const lines: string[] = [];
    const app = appWith((a) => {
      a.get('/boom', async () => {
        await Promise.resolve();
        throw new Error('database password is hunter2');
      });
    }, lines);

    const res = await request(app).get('/boom');

    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
    expect(res.body.stack).toBeUndefined();
    expect(lines.join('')).toContain('hunter2');
  });

  it('puts the request id on every log line of the request, and redacts credentials', async () => {
    const lines: string[] = [];
    const app = appWith((a) => {
      a.get('/work', (req, res) => {
        req.log.info({ password: 'hunter2' }, 'doing the work');
        res.json({ ok: true });
      });
    }, lines);

    await request(app).get('/work').set('X-Request-Id', 'req-42').set('Authorization', 'Bearer secret-token');

    const parsed = lines.map((line) => JSON.parse(line) as { req?: { id?: string }; msg: string });
    expect(parsed.map((line) => line.msg)).toEqual(['doing the work', 'request completed']);
    expect(parsed.every((line) => line.req?.id === 'req-42')).toBe(true);
    expect(lines.join('')).not.toContain('hunter2');
    expect(lines.join('')).not.toContain('secret-token');
  });

  it('maps Mongoose-shaped errors: duplicate key 409, validation 400, cast 400', async () => {
    const app = appWith((a) => {
      a.get('/dup', () => {
        throw Object.assign(new Error('E11000'), { code: 11000, keyValue: { email: 'a@b.c' } });
      });
      a.get('/invalid', () => {
        throw Object.assign(new Error('invalid'), {
          name: 'ValidationError',
          errors: { title: { message: 'required' } },
        });
      });
      a.get('/cast', () => {
        throw Object.assign(new Error('cast'), { name: 'CastError', path: '_id' });
      });
    });

    const dup = await request(app).get('/dup');
    const invalid = await request(app).get('/invalid');
    const cast = await request(app).get('/cast');

    expect(dup.status).toBe(409);
    expect(dup.body.fields).toEqual(['email']);
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toEqual([{ field: 'body.title', message: 'required' }]);
    expect(cast.status).toBe(400);
  });

  it('answers a NUL character the database refuses, and a malformed multipart body, with 400', async () => {
    const app = appWith((a) => {
      a.post('/nul', () => {
        throw Object.assign(new Error('ERROR: unsupported Unicode escape sequence (SQLSTATE 22P05)'), {
          name: 'MongoServerError',
          code: 1,
        });
      });
      a.post('/upload', () => {
        throw new Error('Multipart: Boundary not found');
      });
    });

    expect((await request(app).post('/nul')).status).toBe(400);
    expect((await request(app).post('/upload')).status).toBe(400);
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    const app = appWith((a) => a.post('/echo', (req, res) => res.json(req.body)));

    const malformed = await request(app).post('/echo').set('content-type', 'application/json').send('{"a":');
    const oversized = await request(app)
      .post('/echo')
      .send({ text: 'x'.repeat(2000) });

    expect(malformed.status).toBe(400);
    expect(oversized.status).toBe(413);
    expect(oversized.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers a body that does not decompress with 400 naming no zlib internals, and logs them', async () => {
    const lines: string[] = [];
    const app = appWith((a) => a.post('/echo', (req, res) => res.json(req.body)), lines);
    const gzipped = gzipSync(JSON.stringify({ text: 'hello there, this is a body' }));
    const send = (encoding: string, body: Buffer) =>
      request(app).post('/echo').set('content-type', 'application/json').set('content-encoding', encoding).send(body);

    const answers = await Promise.all([
      send('gzip', gzipped.subarray(0, gzipped.length - 8)),
      send('gzip', Buffer.from('not gzip at all')),
      send('deflate', Buffer.from('not deflate either')),
      send('br', Buffer.from('nor brotli')),
    ]);

    for (const res of answers) {
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.detail).toBe('The request body could not be decompressed; check its Content-Encoding.');
      expect(res.text).not.toMatch(/unexpected end of file|incorrect header check|invalid|Z_|ERR__|padding/i);
    }
    expect(lines.join('')).toMatch(/Z_BUF_ERROR|Z_DATA_ERROR/);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await request(appWith(() => undefined)).delete('/missing');

    expect(res.status).toBe(404);
    expect(res.body.detail).toBe('No route matches DELETE /missing.');
  });
});

describe('validate', () => {
  const app = appWith((a) => {
    a.post(
      '/items/:id',
      validate({
        params: z.object({ id: z.coerce.number().int() }),
        query: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
        body: z.strictObject({ name: z.string().min(1) }),
      }),
      (req, res) => {
        res.json({ params: req.params, query: req.query, body: req.body });
      },
    );
  });

  it('replaces params, query and body with their parsed values', async () => {
    const res = await request(app).post('/items/42').send({ name: 'x' }).expect(200);

    expect(res.body).toEqual({ params: { id: 42 }, query: { dryRun: 'false' }, body: { name: 'x' } });
  });

  it('lists the invalid fields of every part at once', async () => {
    const res = await request(app).post('/items/abc?dryRun=maybe').send({ name: '', extra: 1 });

    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body',
      'body.name',
      'params.id',
      'query.dryRun',
    ]);
  });

  it('checks headers and names the invalid one under headers.', async () => {
    const withHeader = appWith((a) => {
      a.post(
        '/pay',
        validate({ headers: z.object({ 'idempotency-key': z.string().min(8).optional() }) }),
        (req, res) => {
          res.json({ key: req.get('idempotency-key') ?? null });
        },
      );
    });

    const bad = await request(withHeader).post('/pay').set('Idempotency-Key', 'short');
    const good = await request(withHeader).post('/pay').set('Idempotency-Key', 'long-enough-key');

    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['headers.idempotency-key']);
    expect(good.body).toEqual({ key: 'long-enough-key' });
  });

  it('rejects an operator object where a string is expected (NoSQL injection)', async () => {
    const res = await request(app)
      .post('/items/1')
      .send({ name: { $gt: '' } });

    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('body.name');
  });
});
