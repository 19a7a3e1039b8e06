/** Serves an app on a free loopback port, for clients that need a real URL (JWKS fetches, fetch(), sockets). */
import { answerClientErrors } from '@roadmap/core';
import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';

export interface ListeningApp {
  /** e.g. http://127.0.0.1:54321 */
  url: string;
  port: number;
  /** The HTTP server, e.g. to attach Socket.io to. */
  server: Server;
  /** Drops open connections and stops listening; safe to call twice. */
  close(): Promise<void>;
}

export async function listen(app: RequestListener): Promise<ListeningApp> {
  const server = createServer(app);
  // As runServer does in production: a request the HTTP parser refuses gets a problem+json.
  answerClientErrors(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    async close() {
      if (!server.listening) return;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback port free right now, for a child process that must be told its port before it starts. */
export async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
