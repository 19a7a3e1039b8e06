/**
 * The notes API's real server (src/server.ts) as a child process: SIGTERM under keep-alive load
 * resets no connection and readiness answers 503 through the configured drain delay first; an
 * unhandled rejection is logged, shuts the server down the same way and exits 1.
 */
import path from 'node:path';
import {
  expectCleanShutdown,
  expectFatalShutdown,
  REJECT_ON_SIGUSR2,
  sigtermUnderLoad,
  startServerProcess,
  unhandledRejectionIn,
} from '@roadmap/testing';

const SERVER = path.join(__dirname, '..', 'src', 'server.ts');

describe('the notes API server process', () => {
  it('answers every keep-alive request through SIGTERM, readiness 503 first, then exits 0', async () => {
    const server = await startServerProcess(SERVER, { NOTES_DEMO_DATA: 'true' });

    expectCleanShutdown(await sigtermUnderLoad(server, { path: '/api/v1/notes' }));
  });

  it('logs an unhandled rejection, shuts down the same way and exits 1', async () => {
    const server = await startServerProcess(SERVER, {}, { preload: [REJECT_ON_SIGUSR2] });

    expectFatalShutdown(server, await unhandledRejectionIn(server));
  });
});
