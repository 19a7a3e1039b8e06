/**
 * Load on loopback: the Notes API (one note by id, and a list page of 10 from 100 notes) against a
 * bare Express 5 route answering the same note's JSON, in the same run. Prints requests/s, p50/p99
 * latency and the ratio to bare, and writes bench/results/notes-vs-bare.json. Asserts nothing.
 *
 * The servers run in a child process (this file again, with BENCH_ROLE=server) so the load generator
 * does not share their event loop. The API logs as in production: level info, one access line per
 * request, to the process's stdout, here a file (as a container runtime would collect it).
 * BENCH_PROFILE=1 runs the server under `node --cpu-prof` (profiles in bench/results/profiles/).
 *
 *   pnpm --filter @roadmap/notes-api bench    (BENCH_SECONDS=15 BENCH_ROUNDS=3 BENCH_CONNECTIONS=50)
 */
import { fork } from 'node:child_process';
import { openSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBaseApp, createLogger, finishApp, requestLogger } from '@roadmap/core';
import { listen, writeBenchReport } from '@roadmap/testing';
import autocannon from 'autocannon';
import express from 'express';
import { createApp, NOTES_BASE_PATH } from '../src/app.js';
import { InMemoryNoteRepository, NoteInputSchema, NoteService } from '../src/modules/notes/index.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const profile = process.env.BENCH_PROFILE === '1';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

interface Figures {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(name: string, url: string): Promise<Figures> {
  const result = await autocannon({ url, connections, duration: seconds / ROUNDS, pipelining: 1 });
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

interface ServerUrls {
  bare: string;
  notes: string;
  base: string;
  logged: string;
  quiet: string;
  oneId: string;
}

/** Child process: both servers, announcing their URLs to the parent. */
async function serve(): Promise<void> {
  const logger = createLogger({ name: 'bench' });
  const repository = new InMemoryNoteRepository();
  const service = new NoteService({ repository, maxNotes: 1000 });
  let oneId = '';
  for (let i = 0; i < 100; i += 1) {
    const note = await service.create(
      NoteInputSchema.parse({ title: `Note ${i}`, content: 'x'.repeat(200), tags: ['bench', `t${i % 5}`] }),
    );
    oneId = note.id;
  }
  const sameJson = await service.get(oneId);
  const bare = express();
  bare.get('/note', (_req, res) => {
    res.json(sameJson);
  });
  const bareServer = await listen(bare);
  const notesServer = await listen(createApp({ logger, repository }));
  // The layers apart: the common front every app shares (access log, security headers, JSON parser,
  // 404 and error handlers) around the bare route; and the API with its access line off (level warn).
  const base = createBaseApp({ logger });
  base.get('/note', (_req, res) => {
    res.json(sameJson);
  });
  const baseServer = await listen(finishApp(base));
  const logged = express();
  logged.use(requestLogger(logger));
  logged.get('/note', (_req, res) => {
    res.json(sameJson);
  });
  const loggedServer = await listen(logged);
  const quietServer = await listen(createApp({ logger: createLogger({ name: 'bench', level: 'warn' }), repository }));
  const urls: ServerUrls = {
    bare: bareServer.url,
    notes: notesServer.url,
    base: baseServer.url,
    logged: loggedServer.url,
    quiet: quietServer.url,
    oneId,
  };
  process.send?.(urls);
  // Exit on the parent's word, so a --cpu-prof profile is written.
  process.once('message', () => process.exit(0));
}

async function main(): Promise<void> {
  const results = path.join(__dirname, 'results');
  mkdirSync(path.join(results, 'profiles'), { recursive: true });
  const accessLog = path.join(tmpdir(), `notes-bench-${process.pid}.log`);
  const child = fork(__filename, [], {
    env: { ...process.env, BENCH_ROLE: 'server' },
    execArgv: [
      ...process.execArgv,
      ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(results, 'profiles')}`] : []),
    ],
    stdio: ['ignore', openSync(accessLog, 'w'), 'inherit', 'ipc'],
  });
  const urls = await new Promise<ServerUrls>((resolve, reject) => {
    child.once('message', (message) => resolve(message as ServerUrls));
    child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
  });
  const scenarios: [string, string][] = [
    ['bare Express, the same note JSON', `${urls.bare}/note`],
    ['notes GET one by id', `${urls.notes}${NOTES_BASE_PATH}/${urls.oneId}`],
    ['notes GET list (limit 10 of 100)', `${urls.notes}${NOTES_BASE_PATH}?limit=10&tag=bench`],
    ['bare route behind the common front (createBaseApp)', `${urls.base}/note`],
    ['bare route with the access log alone (pino-http)', `${urls.logged}/note`],
    ['notes GET one by id, access line off (level warn)', `${urls.quiet}${NOTES_BASE_PATH}/${urls.oneId}`],
  ];
  let figures: Figures[];
  try {
    // Interleaved rounds: on a shared machine a burst of someone else's load falls on every scenario
    // alike instead of on one of them. Each figure is the mean over the rounds (p99: the worst round).
    const rounds: Figures[][] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const results: Figures[] = [];
      for (const [name, url] of scenarios) results.push(await load(name, url));
      rounds.push(results);
    }
    figures = scenarios.map(([name], i) => {
      const all = rounds.map((r) => r[i]!);
      const mean = (pick: (f: Figures) => number) => all.reduce((sum, f) => sum + pick(f), 0) / all.length;
      return {
        name,
        rps: mean((f) => f.rps),
        p50: Math.round(mean((f) => f.p50)),
        p99: Math.max(...all.map((f) => f.p99)),
        errors: all.reduce((sum, f) => sum + f.errors, 0),
      };
    });
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send('exit');
    await exited;
  }
  const [bare, byId] = figures;
  writeBenchReport(__dirname, {
    name: 'notes-vs-bare',
    title: 'Notes API against a bare Express route',
    method:
      `autocannon, ${connections} connections, ${seconds} s each in ${ROUNDS} interleaved rounds, loopback; ` +
      `the API logs at info (one access ` +
      `line per request) to stdout redirected to a file. The last three rows take the layers apart: ` +
      `the bare route behind the front every app shares (access log, helmet's headers, JSON parser, 404 ` +
      `and error handlers), the bare route with the access log alone, and the API with its access line off.`,
    tables: [
      {
        columns: ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'ratio to bare'],
        rows: figures.map((f) => [
          f.name,
          Math.round(f.rps),
          f.p50,
          f.p99,
          f.errors,
          bare ? (f.rps / bare.rps).toFixed(2) : '-',
        ]),
      },
    ],
    notes: [`notes GET by id / bare: ${bare && byId ? (byId.rps / bare.rps).toFixed(2) : '-'} (goal >= 0.7)`],
  });
}

(process.env.BENCH_ROLE === 'server' ? serve() : main()).catch((err: unknown) => {
  process.stderr.write(`bench failed: ${String(err)}\n`);
  process.exit(1);
});
