/**
 * The notes API's real server (src/server.ts) as a child process: SIGTERM under keep-alive load
 * resets no connection and readiness answers 503 through the configured drain delay first; an
 * unhandled rejection is logged, shuts the server down the same way and exits 1.
 */
import path from 'node:path';
import { describeProcessLife } from '@roadmap/testing';

describeProcessLife({
  title: 'the notes API server process',
  server: path.join(__dirname, '..', 'src', 'server.ts'),
  env: () => ({ NOTES_DEMO_DATA: 'true' }),
  loadPath: '/api/v1/notes',
});
