/** Starts a fixture server as a child process and waits for its "listening" line; collects its output. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface ChildServer {
  child: ChildProcess;
  port: number;
  output(): string;
  /** Log lines (JSON) the child printed so far. */
  lines(): Record<string, unknown>[];
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<number | null>;
}

export async function startChildServer(fixture: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const script = path.join(__dirname, '..', 'fixtures', fixture);
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onChunk = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on('data', onChunk);
  child.stderr?.on('data', onChunk);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  const waitForLine = (pattern: RegExp, timeoutMs = 15_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!pattern.test(output)) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; output:\n${output}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      void exited.then(() => setImmediate(check));
      check();
    });

  await waitForLine(/"msg":"listening"/);
  const match = /"port":(\d+)/.exec(output);
  if (!match?.[1]) throw new Error(`no port in output:\n${output}`);
  return {
    child,
    port: Number(match[1]),
    output: () => output,
    lines: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    waitForLine,
    exited,
  };
}
