/** The rules every text follows, as validate() applies them to each request part it checks. */
import request from 'supertest';
import { z } from 'zod';
import { createBaseApp, finishApp } from '../src/app.js';
import { createLogger } from '../src/logger.js';
import { validate } from '../src/validate.js';

const NUL = 'must not contain NUL (\\u0000) characters';

function echoApp() {
  const app = createBaseApp({ logger: createLogger({ name: 'test', level: 'silent' }) });
  app.post(
    '/orders/:id',
    validate({
      params: z.object({ id: z.string() }),
      query: z.object({ q: z.string().optional(), page: z.coerce.number().int().optional() }),
      body: z.object({
        shippingAddress: z.object({ name: z.string(), city: z.string() }),
        note: z.string().optional(),
      }),
    }),
    (req, res) => {
      res.json({ params: req.params, query: req.query, body: req.body });
    },
  );
  app.get('/search', validate({ query: z.object({ q: z.string().optional() }) }), (req, res) => res.json(req.query));
  app.get('/no-query-rules', (req, res) => res.json(req.query));
  return finishApp(app);
}

const address = { name: 'Ada', city: 'Lisbon' };

describe('validate() and NUL characters', () => {
  const app = echoApp();

  it('refuses a NUL in a nested body field with a 400 naming its path', async () => {
    const res = await request(app)
      .post('/orders/1')
      .send({ shippingAddress: { name: 'A\u0000da', city: 'Lisbon' } });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'body.shippingAddress.name', message: NUL }]);
  });

  it('refuses a NUL in a body key, even one the schema would drop', async () => {
    const res = await request(app).post('/orders/1').send({ shippingAddress: address, 'x\u0000y': 'z' });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'body.x\\u0000y', message: `its name ${NUL}` }]);
  });

  it('refuses a NUL in the query string and in a path parameter, listing other invalid fields too', async () => {
    const res = await request(app).post('/orders/a%00b?q=x%00&page=abc').send({ shippingAddress: address });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'params.id', message: NUL },
      { field: 'query.q', message: NUL },
      expect.objectContaining({ field: 'query.page' }),
    ]);
  });

  it('passes text without NUL through unchanged', async () => {
    const res = await request(app)
      .post('/orders/7?q=caf%C3%A9')
      .send({ shippingAddress: { name: 'Zoë \u{1F3AC}', city: 'Lisbon' }, note: 'line\nbreak' });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      params: { id: '7' },
      query: { q: 'café' },
      body: { shippingAddress: { name: 'Zoë \u{1F3AC}', city: 'Lisbon' }, note: 'line\nbreak' },
    });
  });
});

describe('validate() and malformed percent-encoding in a query string', () => {
  const app = echoApp();

  it('answers 400 naming the parameter instead of searching for what the lenient parser made of it', async () => {
    const res = await request(app).get('/search?q=%E0%A4%A');

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ field: 'query.q', message: expect.stringMatching(/malformed percent-encoding/) }),
    ]);
  });

  it('accepts escapes that decode, and leaves routes that read no query alone', async () => {
    expect((await request(app).get('/search?q=%E0%A4%A4')).body).toEqual({ q: '\u0924' });
    expect((await request(app).get('/no-query-rules?q=%E0%A4%A')).status).toBe(200);
  });
});
