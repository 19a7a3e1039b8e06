/**
 * A server run as a child process, as in production (real signals, a real process exit): started
 * with tsx on its TypeScript sources, its output collected, and resolved once it logs "listening".
 * No build needed: the `@roadmap/source` export condition resolves the shared packages to theirs.
 */
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
  /** Sends SIGKILL if it still runs (cleanup after a failed test). */
  kill(): void;
}

export interface ChildServerOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** Extra modules loaded before the script (`--import`), e.g. a test hook. */
  preload?: string[];
  /** How long start-up may take. */
  timeoutMs?: number;
}

export async function startChildServer(script: string, options: ChildServerOptions = {}): Promise<ChildServer> {
  const imports = ['tsx', ...(options.preload ?? [])].flatMap((module) => ['--import', module]);
  const child = spawn(process.execPath, ['--conditions=@roadmap/source', ...imports, script], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: options.cwd ?? path.dirname(script),
    env: { ...process.env, ...options.env },
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
      // Each check reads only what arrived since the last one (from the start of the line that was
      // still incomplete then): a server under load prints thousands of lines, one chunk each.
      let scanned = 0;
      const check = () => {
        const from = output.lastIndexOf('\n', scanned - 1) + 1;
        scanned = output.length;
        if (!pattern.test(output.slice(from))) return;
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

  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  try {
    await waitForLine(/"msg":"listening"/, options.timeoutMs ?? 30_000);
  } catch (err) {
    kill();
    throw err;
  }
  const match = /"port":(\d+)/.exec(output);
  if (!match?.[1]) {
    kill();
    throw new Error(`no port in output:\n${output}`);
  }
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
    kill,
  };
}
