/**
 * runServer's shutdown under real keep-alive load, in a child process sent real signals: no client
 * sees a reset when its load stops within the grace period; a request still running at the deadline
 * is cut and logged; closers run in stage order; an unhandled rejection shuts down with exit code 1.
 */
import http from 'node:http';
import path from 'node:path';
import { startChildServer, startKeepAliveLoad } from '@roadmap/testing';

const FIXTURE = path.join(__dirname, 'fixtures', 'keepalive-server.ts');

function waitUntil(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (predicate()) resolve();
      else if (Date.now() > deadline) reject(new Error('condition not met in time'));
      else setTimeout(check, 10);
    };
    check();
  });
}

describe('runServer shutdown under keep-alive load', () => {
  it('gives 0 connection resets to 20 keep-alive workers whose load stops within the grace period', async () => {
    const server = await startChildServer(FIXTURE, { env: { GRACE_SECONDS: '10' } });
    const load = startKeepAliveLoad(server.port, { workers: 20 });
    await waitUntil(() => load.result.ok >= 400);

    server.child.kill('SIGTERM');
    await server.waitForLine(/stopped accepting connections/);
    // Keep the load on for a moment after the listener closed, then stop it (well within 10 s).
    const okAtClose = load.result.ok;
    await waitUntil(() => load.result.ok >= okAtClose + 20 || (load.result.errors.ECONNREFUSED ?? 0) >= 20);
    const result = await load.stop();
    const exitCode = await server.exited;

    expect(result.errors.ECONNRESET ?? 0).toBe(0);
    expect(Object.keys(result.errors).filter((code) => code !== 'ECONNREFUSED')).toEqual([]);
    // Each worker's socket was told to close by its last answer instead of being cut.
    expect(result.closedByServer).toBeGreaterThanOrEqual(20);
    expect(exitCode).toBe(0);
    expect(server.output()).not.toMatch(/cut \d+ request/);
  }, 30_000);

  it('finishes a request in flight at SIGTERM, then closes dependencies and exits 0', async () => {
    const server = await startChildServer(FIXTURE, { env: { GRACE_SECONDS: '10', SLOW_MS: '300' } });
    const inFlight = fetch(`http://127.0.0.1:${server.port}/slow`).then((res) => res.text());
    await server.waitForLine(/slow request started/);

    server.child.kill('SIGTERM');
    const exitCode = await server.exited;

    expect(await inFlight).toBe('finished');
    expect(exitCode).toBe(0);
    expect(server.output()).toContain('closing fake-db');
    expect(server.output()).toContain('shutdown complete');
  }, 30_000);

  it('cuts only the request still running at the deadline, logs it, then closes dependencies in stage order', async () => {
    const server = await startChildServer(FIXTURE, { env: { GRACE_SECONDS: '1', SLOW_MS: '60000' } });
    const agent = new http.Agent({ keepAlive: true });
    const slow = new Promise<string>((resolve) => {
      http
        .get({ host: '127.0.0.1', port: server.port, path: '/slow', agent }, (res) =>
          resolve(`status ${res.statusCode}`),
        )
        .on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    });
    await server.waitForLine(/slow request started/);
    const quick = new Promise<number>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: server.port, path: '/work' }, (res) => resolve(res.statusCode ?? 0))
        .on('error', reject);
    });
    expect(await quick).toBe(200);

    server.child.kill('SIGTERM');
    const exitCode = await server.exited;
    agent.destroy();

    expect(await slow).toBe('ECONNRESET');
    expect(exitCode).toBe(0);
    const cut = server.lines().find((line) => /cut 1 request/.test(String(line.msg)));
    expect(cut).toMatchObject({ level: 40, requests: [expect.objectContaining({ method: 'GET', url: '/slow' })] });
    const closing = server
      .lines()
      .map((line) => String(line.msg))
      .filter((msg) => msg.startsWith('closing fake-'));
    expect(closing).toEqual(['closing fake-queue', 'closing fake-redis', 'closing fake-db']);
  }, 30_000);

  it('writes every shutdown line, in order, before the process exits while the thread pool is busy', async () => {
    const server = await startChildServer(FIXTURE, { env: { GRACE_SECONDS: '1', BUSY_THREADPOOL: '1' } });

    server.child.kill('SIGTERM');
    const exitCode = await server.exited;

    expect(exitCode).toBe(0);
    const messages = server
      .lines()
      .map((line) => (line.msg === 'closed' ? `closed ${String(line.dependency)}` : line.msg));
    expect(messages).toEqual([
      'listening',
      'shutting down: readiness now answers 503',
      'stopped accepting connections',
      'closing fake-queue',
      'closed fake-queue',
      'closing fake-redis',
      'closed fake-redis',
      'closing fake-db',
      'closed fake-db',
      'shutdown complete',
    ]);
  }, 30_000);

  it('logs an unhandled rejection, shuts down the same way and exits 1', async () => {
    const server = await startChildServer(FIXTURE, { env: { GRACE_SECONDS: '5' } });

    const answer = await fetch(`http://127.0.0.1:${server.port}/reject`).then((res) => res.text());
    const exitCode = await server.exited;

    expect(answer).toBe('rejected in the background');
    expect(exitCode).toBe(1);
    const fatal = server.lines().find((line) => line.level === 60);
    expect(fatal).toMatchObject({
      event: 'unhandledRejection',
      err: expect.objectContaining({ message: 'boom from /reject' }),
    });
    expect(server.output()).toContain('closing fake-db');
    expect(server.output()).toContain('shutdown complete');
  }, 30_000);
});
