import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { errorHandler } from './problem.js';
import { fieldRule, validate } from './validate.js';

const RangeSchema = z
  .object({ from: z.coerce.number().int(), to: z.coerce.number().int() })
  .refine((range) => range.from <= range.to, { ...fieldRule('from must not be after to'), path: ['from'] });

function rangeApp() {
  const app = express();
  app.get('/range', validate({ query: RangeSchema }), (_req, res) => {
    res.json({ ok: true });
  });
  app.use(errorHandler());
  return app;
}

describe('validate', () => {
  it('answers 400 naming every field that does not match its schema', async () => {
    const res = await request(rangeApp()).get('/range?from=x&to=2');

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'query.from', message: expect.any(String) }]);
  });

  it('answers 422 with the same field errors when only a field rule is broken', async () => {
    const res = await request(rangeApp()).get('/range?from=3&to=2');

    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      title: 'Unprocessable Entity',
      errors: [{ field: 'query.from', message: 'from must not be after to' }],
    });
  });

  it('passes a request that breaks nothing', async () => {
    await request(rangeApp()).get('/range?from=1&to=2').expect(200, { ok: true });
  });
});
