/** The order of runServer's shutdown, observed from outside: readiness fails before the listener closes. */
import http from 'node:http';
import express from 'express';
import { pino } from 'pino';
import { healthRoutes } from '../src/health.js';
import { createLifecycle, runServer, type RunningServer } from '../src/server.js';

function status(port: number, path: string): Promise<number | string> {
  return new Promise((resolve) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe('runServer shutdown sequence', () => {
  let running: RunningServer;

  it('answers 503 on /readyz while still serving during the drain delay, then refuses connections', async () => {
    const lifecycle = createLifecycle();
    const app = express()
      .use(healthRoutes({ isDraining: lifecycle.isDraining }))
      .get('/work', (_req, res) => res.send('ok'));
    const closed: string[] = [];
    running = await runServer({
      app,
      host: '127.0.0.1',
      port: 0,
      logger: pino({ level: 'silent' }),
      lifecycle,
      drainSeconds: 0.4,
      graceSeconds: 1,
      handleProcessEvents: false,
      closers: [{ name: 'db', stage: 'databases', close: async () => closed.push('db') }],
    });
    const { port } = running.address;
    expect(await status(port, '/readyz')).toBe(200);

    const done = running.shutdown('test');

    expect(await status(port, '/readyz')).toBe(503);
    expect(await status(port, '/work')).toBe(200);
    const report = await done;
    expect(await status(port, '/work')).toBe('ECONNREFUSED');
    expect(report).toEqual({ reason: 'test', cutRequests: 0, failedClosers: [] });
    expect(closed).toEqual(['db']);
    expect(running.shutdown('again')).toBe(done);
  });
});
