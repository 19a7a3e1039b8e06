/**
 * Load on loopback: the Notes API (list page of 10 from 100 notes, and one note by id) against a
 * bare Express 5 route that returns a constant JSON. Prints requests/s, p50/p99 latency and the
 * ratio notes/bare. Asserts nothing: figures depend on the machine.
 *
 * The servers run in a child process (this file again, with BENCH_ROLE=server) so the load generator
 * does not share their event loop.
 *
 *   pnpm --filter @roadmap/notes-api bench          (BENCH_SECONDS=10 BENCH_CONNECTIONS=50)
 */
import { fork } from 'node:child_process';
import { createLogger } from '@roadmap/core';
import { listen } from '@roadmap/testing';
import autocannon from 'autocannon';
import express from 'express';
import { createApp, NOTES_BASE_PATH } from '../src/app.js';
import { InMemoryNoteRepository, NoteInputSchema, NoteService } from '../src/modules/notes/index.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

interface Figures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(name: string, url: string): Promise<Figures> {
  const result = await autocannon({ url, connections, duration: seconds, pipelining: 1 });
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

function formatTable(rows: Record<string, string | number>[]): string {
  const headers = Object.keys(rows[0] ?? {});
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
  return [
    line(headers),
    widths.map((w) => '-'.repeat(w)).join('-|-'),
    ...rows.map((r) => line(headers.map((h) => String(r[h])))),
  ]
    .map((l) => `${l}\n`)
    .join('');
}

interface ServerUrls {
  bare: string;
  notes: string;
  oneId: string;
}

/** Child process: both servers, announcing their URLs to the parent. */
async function serve(): Promise<void> {
  const bare = express();
  bare.get('/constant', (_req, res) => {
    res.json({ id: 'b6f1c2a0-0000-4000-8000-000000000000', title: 'constant', pinned: false });
  });

  // Request logging stays on (as in production) but below the configured level, so nothing is written.
  const logger = createLogger({ name: 'bench', level: 'warn' });
  const repository = new InMemoryNoteRepository();
  const service = new NoteService({ repository, maxNotes: 1000 });
  let oneId = '';
  for (let i = 0; i < 100; i += 1) {
    const note = await service.create(
      NoteInputSchema.parse({ title: `Note ${i}`, content: 'x'.repeat(200), tags: ['bench', `t${i % 5}`] }),
    );
    oneId = note.id;
  }
  const bareServer = await listen(bare);
  const notesServer = await listen(createApp({ logger, repository }));
  const urls: ServerUrls = { bare: bareServer.url, notes: notesServer.url, oneId };
  process.send?.(urls);
}

async function main(): Promise<void> {
  const child = fork(__filename, [], { env: { ...process.env, BENCH_ROLE: 'server' }, execArgv: process.execArgv });
  const urls = await new Promise<ServerUrls>((resolve, reject) => {
    child.once('message', (message) => resolve(message as ServerUrls));
    child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
  });
  const figures: Figures[] = [];
  try {
    figures.push(await load('bare express constant JSON', `${urls.bare}/constant`));
    figures.push(await load('notes GET one by id', `${urls.notes}${NOTES_BASE_PATH}/${urls.oneId}`));
    figures.push(await load('notes GET list (limit 10 of 100)', `${urls.notes}${NOTES_BASE_PATH}?limit=10&tag=bench`));
  } finally {
    child.kill('SIGTERM');
  }

  const [baseline] = figures;
  const rows = figures.map((f) => ({
    scenario: f.name,
    'req/s': Math.round(f.rps),
    'p50 ms': f.p50,
    'p99 ms': f.p99,
    errors: f.errors + f.non2xx,
    'ratio to bare': baseline ? (f.rps / baseline.rps).toFixed(2) : '-',
  }));
  process.stdout.write(
    `autocannon: ${connections} connections, ${seconds} s each, loopback, Node ${process.version}\n`,
  );
  process.stdout.write(formatTable(rows));
}

(process.env.BENCH_ROLE === 'server' ? serve() : main()).catch((err: unknown) => {
  process.stderr.write(`bench failed: ${String(err)}\n`);
  process.exit(1);
});
