// The flake hunt: runs the chosen Jest suites N times and prints, per suite, how many runs failed
// and which tests, as a markdown table for docs/testing.md.
//
//   pnpm test:flaky <pattern>... [--runs N] [--busy] [--kinds] [-- <more jest options>]
//
// <pattern>  Jest's path patterns (regular expressions), e.g. `process.test` or `02-movie-booking`.
// --runs N   how many times (default 10).
// --busy     keeps one core busy with another process for the whole hunt, as a second test run
//            or a build would.
// --kinds    adds every suite whose source shows it is timing-sensitive (see KINDS) to the patterns.
// Exits 1 when any run of any suite failed. SIGINT stops it with the table of the completed runs.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** What makes a suite sensitive to timing and load, recognised in its source. */
const KINDS = {
  process: /startServerProcess|startChildServer|describeProcessLife|startAuthServiceProcess|startProjectServer/,
  clock: /clock\.(advance|set)\(|useFakeTimers/,
  fault: /\.(cut|blackhole)\(\)|\.delay\(\d|faults: \{|endpoints\(\{|messaging\.stop\(\)/,
  race: /Array\.from\(\{ length: \d{2,}|concurren|\brace\b/i,
  socket: /socket\.io-client|startKeepAliveLoad|net\.connect\(|from 'amqplib'/,
  browser: /chromium|playwright/,
};

function parseArgs(argv) {
  const options = { runs: 10, busy: false, kinds: false, patterns: [], jest: [] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--') {
      options.jest = argv.slice(i + 1);
      break;
    }
    if (arg === '--runs') options.runs = Number(argv[++i]);
    else if (arg.startsWith('--runs=')) options.runs = Number(arg.slice('--runs='.length));
    else if (arg === '--busy') options.busy = true;
    else if (arg === '--kinds') options.kinds = true;
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg} (Jest options go after --)`);
    else options.patterns.push(arg);
  }
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new Error('--runs needs a whole number >= 1');
  if (!options.kinds && options.patterns.length === 0) throw new Error('name a pattern, or --kinds');
  return options;
}

/** Every test file Jest would run, relative to the root. */
function allTestFiles(jestBin) {
  const listed = spawnSync(process.execPath, [jestBin, '--listTests'], { cwd: ROOT, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`jest --listTests failed:\n${listed.stderr}`);
  return listed.stdout
    .split('\n')
    .filter(Boolean)
    .map((file) => path.relative(ROOT, file));
}

/** A test file's source and that of the helpers it imports from its own folder (a project harness). */
function sourceOf(file) {
  const source = readFileSync(path.join(ROOT, file), 'utf8');
  const helpers = [...source.matchAll(/from '\.\/([\w./-]+)\.js'/g)].map(([, name]) =>
    readFileSync(path.join(ROOT, path.dirname(file), `${name}.ts`), 'utf8'),
  );
  return [source, ...helpers].join('\n');
}

/** The timing-sensitive suites, each with the kinds its source shows. */
function suitesByKind(files) {
  const kinds = new Map();
  for (const file of files) {
    const source = sourceOf(file);
    const found = Object.keys(KINDS).filter((kind) => KINDS[kind].test(source));
    if (found.length > 0) kinds.set(file, found);
  }
  return kinds;
}

/** The Jest run under way, stopped with the hunt. */
let running;

function runJest(jestBin, args) {
  return new Promise((resolve) => {
    // A process group of its own, so a stopped hunt stops Jest's workers and the servers tests started.
    const child = spawn(process.execPath, [jestBin, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    running = child;
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk.toString()).slice(-20_000);
    });
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

/** Per suite of one run's report: failed (true/false) and the names of its failed tests. */
function outcomes(reportFile) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  return report.testResults.map((suite) => {
    const failedTests = suite.assertionResults.filter((test) => test.status === 'failed').map((t) => t.fullName);
    // A suite can fail with no failed test: it did not load, a hook threw, or it left a handle open.
    if (suite.status === 'failed' && failedTests.length === 0) failedTests.push('(the suite itself)');
    return { file: path.relative(ROOT, suite.name), failed: suite.status === 'failed', failedTests };
  });
}

function markdownTable(tally, kinds, runs) {
  const rows = [...tally.entries()].sort(([a], [b]) => a.localeCompare(b));
  const lines = ['| suite | kinds | runs | failures | failing tests |', '| --- | --- | --- | --- | --- |'];
  for (const [file, { ran, failures, tests }] of rows) {
    const failing = [...tests.entries()].map(([name, count]) => `${name} (${count}×)`).join('; ');
    lines.push(`| ${file} | ${(kinds.get(file) ?? []).join(', ')} | ${ran} | ${failures} | ${failing} |`);
  }
  const total = rows.reduce((sum, [, { failures }]) => sum + failures, 0);
  lines.push('', `${rows.length} suites, ${runs} runs each: ${total} failed runs.`);
  return lines.join('\n');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const jestBin = createRequire(import.meta.url).resolve('jest/bin/jest');
  const kinds = suitesByKind(allTestFiles(jestBin));
  const patterns = [...options.patterns];
  if (options.kinds) patterns.push(...[...kinds.keys()].map((file) => file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

  const busy = options.busy ? spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }) : undefined;
  const stopBusy = () => busy?.kill('SIGKILL');
  const dir = mkdtempSync(path.join(tmpdir(), 'flaky-'));
  const tally = new Map();
  let completed = 0;
  process.on('exit', stopBusy);
  // Stopped early (Ctrl-C, or `kill -INT` at a deadline): the table of the runs that completed.
  process.on('SIGINT', () => {
    if (running?.pid && running.exitCode === null) {
      try {
        process.kill(-running.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    process.stdout.write(
      `\nstopped after ${completed} of ${options.runs} runs\n${markdownTable(tally, kinds, completed)}\n`,
    );
    process.exit(130);
  });
  try {
    for (let run = 1; run <= options.runs; run += 1) {
      const report = path.join(dir, `run-${run}.json`);
      const started = Date.now();
      const { code, stderr } = await runJest(jestBin, [
        '--ci',
        '--json',
        `--outputFile=${report}`,
        ...options.jest,
        ...patterns,
      ]);
      let results;
      try {
        results = outcomes(report);
      } catch {
        process.stderr.write(`run ${run}: Jest exited ${code} without a report:\n${stderr}\n`);
        process.exitCode = 1;
        return;
      }
      for (const { file, failed, failedTests } of results) {
        const entry = tally.get(file) ?? { ran: 0, failures: 0, tests: new Map() };
        entry.ran += 1;
        if (failed) entry.failures += 1;
        for (const name of failedTests) entry.tests.set(name, (entry.tests.get(name) ?? 0) + 1);
        tally.set(file, entry);
      }
      completed = run;
      const failedHere = results.filter((suite) => suite.failed);
      const seconds = Math.round((Date.now() - started) / 1000);
      process.stdout.write(
        `run ${run}/${options.runs}: ${results.length} suites, ${failedHere.length} failed (${seconds} s)` +
          failedHere.map(({ file, failedTests }) => `\n  ${file}: ${failedTests.join('; ')}`).join('') +
          '\n',
      );
    }
  } finally {
    stopBusy();
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(`\n${markdownTable(tally, kinds, options.runs)}\n`);
  if ([...tally.values()].some((entry) => entry.failures > 0)) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`flaky: ${err.message}\n`);
  process.exit(2);
});
