/**
 * Keep-alive load for the shutdown tests: `workers` loops, each sending one GET after another over a
 * shared keep-alive agent (one socket per worker), counting answers and errors by code.
 */
import http from 'node:http';

export interface LoadResult {
  ok: number;
  /** Error codes seen, e.g. { ECONNRESET: 2, ECONNREFUSED: 14 }. */
  errors: Record<string, number>;
  /** Answers that carried `Connection: close`. */
  closedByServer: number;
}

export interface KeepAliveLoad {
  /** Stops sending; resolves when every worker has finished its last request. */
  stop(): Promise<LoadResult>;
  result: LoadResult;
}

function get(agent: http.Agent, port: number, path: string): Promise<{ connection: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ connection: res.headers.connection }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

export function startKeepAliveLoad(port: number, { workers = 20, path = '/work' } = {}): KeepAliveLoad {
  const agent = new http.Agent({ keepAlive: true, maxSockets: workers });
  const result: LoadResult = { ok: 0, errors: {}, closedByServer: 0 };
  let running = true;
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      try {
        const { connection } = await get(agent, port, path);
        result.ok += 1;
        if (connection === 'close') result.closedByServer += 1;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? 'UNKNOWN';
        result.errors[code] = (result.errors[code] ?? 0) + 1;
        // The listener is closed: a real client would go to another instance. Back off a little.
        if (code === 'ECONNREFUSED') await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  });
  return {
    result,
    async stop() {
      running = false;
      await Promise.all(loops);
      agent.destroy();
      return result;
    },
  };
}
