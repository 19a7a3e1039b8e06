/**
 * Draining an HTTP server without resetting anyone. Node's `server.close()` also closes the
 * keep-alive sockets that look idle, and a client may be writing its next request on one at that very
 * moment: it gets ECONNRESET. Here the listener closes alone; from then on every response carries
 * `Connection: close`, so each kept-alive socket closes after the answer it is serving, and sockets
 * nobody uses expire on the keep-alive timeout the server announced. Only requests still running at
 * the deadline are cut.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import net, { type Socket } from 'node:net';

export interface CutRequest {
  method: string | undefined;
  url: string | undefined;
  runningMs: number;
}

export interface HttpDrain {
  /** Closes the listening socket; open connections stay, and answer with `Connection: close`. */
  stopAccepting(): void;
  /**
   * Resolves once every connection has closed, or at `deadlineMs` from now, when the connections
   * still open are destroyed; returns the requests that were still running then.
   */
  finish(deadlineMs: number): Promise<CutRequest[]>;
  openConnections(): number;
}

interface Running {
  req: IncomingMessage;
  startedAt: number;
}

function askToClose(res: ServerResponse): void {
  if (!res.headersSent) res.setHeader('Connection', 'close');
}

/** Starts tracking `server`'s connections and requests; call before it listens. */
export function trackHttpConnections(server: Server): HttpDrain {
  const connections = new Map<Socket, Map<ServerResponse, Running>>();
  let stopping = false;
  let onIdle: (() => void) | undefined;

  server.on('connection', (socket: Socket) => {
    connections.set(socket, new Map());
    socket.once('close', () => {
      connections.delete(socket);
      if (connections.size === 0) onIdle?.();
    });
  });
  // Prepended, so it runs before the app can answer synchronously.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const running = connections.get(req.socket);
    running?.set(res, { req, startedAt: Date.now() });
    res.once('close', () => running?.delete(res));
    if (stopping) askToClose(res);
  });

  return {
    stopAccepting() {
      stopping = true;
      for (const running of connections.values()) for (const res of running.keys()) askToClose(res);
      // net.Server's close, not http.Server's: the latter would also close the "idle" sockets.
      if (server.listening) net.Server.prototype.close.call(server);
    },
    async finish(deadlineMs) {
      if (connections.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          onIdle = resolve;
          timer = setTimeout(resolve, deadlineMs);
        });
        clearTimeout(timer);
        onIdle = undefined;
      }
      const now = Date.now();
      const cut: CutRequest[] = [];
      for (const [socket, running] of connections) {
        for (const { req, startedAt } of running.values()) {
          cut.push({ method: req.method, url: req.url, runningMs: now - startedAt });
        }
        socket.destroy();
      }
      // Stops http.Server's request-timeout timer; the listener is already closed.
      server.close(() => undefined);
      return cut;
    },
    openConnections: () => connections.size,
  };
}
