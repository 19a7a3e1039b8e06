import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { healthRoutes } from '../src/health.js';
import { mongoReadiness } from '../src/mongo/index.js';

describe('healthRoutes', () => {
  it('is ready when every check passes and names each dependency', async () => {
    const app = express().use(healthRoutes({ checks: { mongo: async () => 'ok', redis: async () => 'ok' } }));

    const res = await request(app).get('/readyz').expect(200);

    expect(res.body).toEqual({ status: 'ready', checks: { mongo: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('answers 503 naming the failing and the timed-out dependency by state only, logging the reasons', async () => {
    const lines: { dependency?: string; err?: { message?: string } }[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const app = express().use(
      healthRoutes({
        timeoutMs: 50,
        logger,
        checks: {
          mongo: async () => {
            throw new Error('connect ECONNREFUSED 10.0.0.7:27017');
          },
          redis: () => new Promise(() => undefined),
          rabbit: async () => 'ok',
        },
      }),
    );

    const res = await request(app).get('/readyz').expect(503);

    expect(res.body).toEqual({
      status: 'not ready',
      checks: { mongo: { status: 'down' }, redis: { status: 'down' }, rabbit: { status: 'up' } },
    });
    expect(res.text).not.toMatch(/ECONNREFUSED|10\.0\.0\.7|timed out/);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          dependency: 'mongo',
          err: expect.objectContaining({ message: expect.stringContaining('ECONNREFUSED') }),
        }),
        expect.objectContaining({
          dependency: 'redis',
          err: expect.objectContaining({ message: 'timed out after 50 ms' }),
        }),
      ]),
    );
  });

  it('keeps /healthz up even when a dependency is down', async () => {
    const app = express().use(healthRoutes({ checks: { mongo: async () => Promise.reject(new Error('down')) } }));

    await request(app).get('/healthz').expect(200);
  });
});

describe('mongoReadiness', () => {
  it('pings through the connection, and fails while it is not connected', async () => {
    const ping = jest.fn().mockResolvedValue({ ok: 1 });

    await mongoReadiness({ db: { admin: () => ({ ping }) } })();

    expect(ping).toHaveBeenCalledTimes(1);
    await expect(mongoReadiness({ db: undefined })()).rejects.toThrow('not connected');
  });
});
