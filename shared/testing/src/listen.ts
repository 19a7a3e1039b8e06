/** Serves an app on a free loopback port, for clients that need a real URL (JWKS fetches, fetch(), sockets). */
import { answerClientErrors } from '@roadmap/core';
import { createServer, type RequestListener, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
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

/**
 * Where the ports the kernel hands out for outgoing connections begin (Linux's default range is
 * 32768-60999). A port picked for a child is free when picked but taken only when the child listens:
 * taken from that range, any outgoing connection in between may get it (EADDRINUSE), so children's
 * ports come from below it. Read once; the IANA range's start where /proc does not say.
 */
const EPHEMERAL_FROM = (() => {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    if (low > 0) return low;
  } catch {
    // not Linux
  }
  return 49152;
})();

const CHILD_PORTS_FROM = 10_000;

async function bindable(port: number): Promise<boolean> {
  const server = createTcpServer();
  const bound = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (bound) await new Promise((resolve) => server.close(resolve));
  return bound;
}

/** A loopback port free right now, for a child process that must be told its port before it starts. */
export async function freePort(): Promise<number> {
  const below = Math.max(EPHEMERAL_FROM, CHILD_PORTS_FROM + 1000);
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const port = CHILD_PORTS_FROM + Math.floor(Math.random() * (below - CHILD_PORTS_FROM));
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port between ${CHILD_PORTS_FROM} and ${below} after 100 tries`);
}
