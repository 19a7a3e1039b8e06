/**
 * The mixed load of a chaos run: `workers` clients, each running one weighted-random operation
 * after another against the server, every request timed.
 */
import type { ChaosAnswer, ChaosClient, ChaosOperation, ChaosRequest } from './chaos-scenario.js';

export interface RequestRecord {
  operation: string;
  /** Epoch milliseconds. */
  startedAt: number;
  endedAt: number;
  ms: number;
  /** 0: no HTTP answer (network error, or no answer within the client's timeout). */
  status: number;
  error?: string;
}

export interface ChaosLoad {
  records: RequestRecord[];
  /** Stops picking new operations; resolves once every worker finished its current one. */
  stop(): Promise<void>;
}

function pick(operations: readonly ChaosOperation[]): ChaosOperation {
  const total = operations.reduce((sum, op) => sum + op.weight, 0);
  let roll = Math.random() * total;
  for (const op of operations) {
    roll -= op.weight;
    if (roll < 0) return op;
  }
  return operations[operations.length - 1] as ChaosOperation;
}

export function startChaosLoad(
  baseUrl: string,
  operations: readonly ChaosOperation[],
  { workers, timeoutMs }: { workers: number; timeoutMs: number },
): ChaosLoad {
  const records: RequestRecord[] = [];
  let running = true;
  const clientFor = (operation: string): ChaosClient => ({
    async send({ method, path, body, headers }: ChaosRequest): Promise<ChaosAnswer> {
      const startedAt = Date.now();
      const started = performance.now();
      const timing = () => ({ startedAt, endedAt: Date.now(), ms: performance.now() - started });
      try {
        const res = await fetch(`${baseUrl}${path}`, {
          method,
          headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await res.text();
        records.push({ operation, ...timing(), status: res.status });
        return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause;
        const error = cause?.code ?? (err as Error).name;
        records.push({ operation, ...timing(), status: 0, error });
        return { status: 0, body: undefined };
      }
    },
  });
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      const operation = pick(operations);
      await operation.run(clientFor(operation.name));
    }
  });
  return {
    records,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}
