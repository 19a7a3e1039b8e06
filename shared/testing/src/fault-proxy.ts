/**
 * A fault-injecting TCP proxy for tests: put it between the code under test and Redis, SMTP,
 * MongoDB, PostgreSQL or RabbitMQ, then cut the connection (reset), blackhole it (accepted, never answered),
 * delay it, and restore it. In-process, so CI needs no extra binary.
 */
import net, { type Socket } from 'node:net';

export type FaultMode = 'pass' | 'cut' | 'blackhole';

export interface FaultProxy {
  host: string;
  port: number;
  /** `url` with its host and port replaced by the proxy's, e.g. `redis://127.0.0.1:6379/0`. */
  url(target: string): string;
  mode(): FaultMode;
  /** Resets every open connection and every new one until `restore()`. */
  cut(): void;
  /** Accepts connections but forwards nothing either way until `restore()` (then delivers it all). */
  blackhole(): void;
  /** Forwards every chunk `ms` later, both ways (0 turns the delay off). */
  delay(ms: number): void;
  /** Back to forwarding; what a blackhole held is delivered now. */
  restore(): void;
  /** Connections open through the proxy right now. */
  openConnections(): number;
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  target: { host: string; port: number };
  /** Port to listen on (default: a free one). Keep it fixed across a restart of the test's subject. */
  listenPort?: number;
}

const DEFAULT_PORTS: Record<string, number> = {
  'redis:': 6379,
  'mongodb:': 27017,
  'postgres:': 5432,
  'postgresql:': 5432,
  'amqp:': 5672,
  'smtp:': 25,
};

/** The host and port a service URL points at, e.g. `redis://127.0.0.1:6379` -> 127.0.0.1:6379. */
export function targetOf(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  const port = Number(parsed.port || DEFAULT_PORTS[parsed.protocol]);
  if (!port) throw new Error(`no port in ${url}`);
  return { host: parsed.hostname, port };
}

/** One direction of a connection: chunks wait here while blackholed or delayed, in order. */
class Lane {
  private readonly pending: { chunk: Buffer; at: number }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly to: Socket,
    private readonly settings: () => { mode: FaultMode; delayMs: number },
  ) {}

  push(chunk: Buffer): void {
    this.pending.push({ chunk, at: Date.now() });
    this.flush();
  }

  flush(): void {
    if (this.timer) return;
    const { mode, delayMs } = this.settings();
    while (this.pending.length > 0 && mode === 'pass' && !this.to.destroyed) {
      const next = this.pending[0]!;
      const wait = next.at + delayMs - Date.now();
      if (wait > 0) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.flush();
        }, wait);
        return;
      }
      this.pending.shift();
      this.to.write(next.chunk);
    }
  }
}

interface Pair {
  client: Socket;
  upstream: Socket | undefined;
  lanes: Lane[];
  connectUpstream(): void;
}

/**
 * Ends a connection with a TCP reset (ECONNRESET on the far side); one still connecting is just
 * dropped, and so is one whose end() is still being sent: Node 20's resetAndDestroy() fails there
 * (EINVAL from uv_tcp_close_reset while a shutdown is pending) and leaves the handle open but marked
 * closing, so the process can never exit; it spins in its teardown (fault-proxy.test.ts shows it in a
 * child process).
 */
export function resetConnection(socket: Socket | undefined): void {
  if (!socket || socket.destroyed) return;
  const shutdownPending = socket.writableEnded && !socket.writableFinished;
  if (socket.connecting || shutdownPending) socket.destroy();
  else socket.resetAndDestroy();
}

export async function startFaultProxy({ target, listenPort = 0 }: FaultProxyOptions): Promise<FaultProxy> {
  let mode: FaultMode = 'pass';
  let delayMs = 0;
  const settings = () => ({ mode, delayMs });
  const pairs = new Set<Pair>();

  const server = net.createServer((client) => {
    if (mode === 'cut') {
      resetConnection(client);
      return;
    }
    const pair: Pair = {
      client,
      upstream: undefined,
      lanes: [],
      connectUpstream() {
        const upstream = net.connect(target.port, target.host);
        pair.upstream = upstream;
        const toUpstream = new Lane(upstream, settings);
        const toClient = new Lane(client, settings);
        pair.lanes = [toUpstream, toClient];
        client.on('data', (chunk: Buffer) => toUpstream.push(chunk));
        upstream.on('data', (chunk: Buffer) => toClient.push(chunk));
        // A reset on one side is a reset on the other; a clean close is passed on as a clean close.
        upstream.on('error', () => resetConnection(client));
        upstream.on('end', () => client.end());
        upstream.on('close', () => pairs.delete(pair));
      },
    };
    pairs.add(pair);
    client.on('error', () => resetConnection(pair.upstream));
    client.on('end', () => pair.upstream?.end());
    client.on('close', () => pairs.delete(pair));
    // A blackholed proxy holds new connections without dialling the target: the handshake of the
    // protocol (Redis HELLO, SMTP greeting) never arrives, as behind a dead route.
    if (mode === 'pass') pair.connectUpstream();
    else client.pause();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fault proxy has no TCP address');
  const port = address.port;

  return {
    host: '127.0.0.1',
    port,
    url(targetUrl) {
      const parsed = new URL(targetUrl);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    mode: () => mode,
    cut() {
      mode = 'cut';
      for (const pair of pairs) {
        resetConnection(pair.client);
        resetConnection(pair.upstream);
      }
      pairs.clear();
    },
    blackhole() {
      mode = 'blackhole';
    },
    delay(ms) {
      delayMs = ms;
    },
    restore() {
      mode = 'pass';
      for (const pair of pairs) {
        if (!pair.upstream) {
          pair.connectUpstream();
          pair.client.resume();
        }
        for (const lane of pair.lanes) lane.flush();
      }
    },
    openConnections: () => pairs.size,
    async close() {
      // A plain close: resetting here can leave Node's handles open and keep the test process alive.
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream?.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
