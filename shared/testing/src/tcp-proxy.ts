/**
 * A fault-injecting TCP proxy for outage tests: put it between the code under test and a shared
 * service (RabbitMQ, Redis, PostgreSQL), then `cut()` every connection and refuse new ones, and
 * `restore()` to let clients reconnect. The shared service itself is never stopped.
 */
import net from 'node:net';

export interface TcpProxy {
  host: string;
  port: number;
  /** `scheme://user:pass@host:port/...` of `targetUrl` rewritten to go through the proxy. */
  url(targetUrl: string): string;
  /** Destroys every open connection (both sides) and refuses new ones until `restore()`. */
  cut(): void;
  restore(): void;
  /** Connections currently open through the proxy. */
  openConnections(): number;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let refusing = false;
  const server = net.createServer((client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, targetHost);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    host: '127.0.0.1',
    port: address.port,
    url(targetUrl) {
      const url = new URL(targetUrl);
      url.hostname = '127.0.0.1';
      url.port = String(address.port);
      return url.toString();
    },
    cut() {
      refusing = true;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    restore() {
      refusing = false;
    },
    openConnections: () => sockets.size / 2,
    close() {
      refusing = true;
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
