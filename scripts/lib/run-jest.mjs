// Runs Jest (arguments passed through) and exits with its exit code, for scripts/test.sh.
//
// Why not just `jest`: twice, on a clean clone, a Jest run that had passed every test, written its
// report and fired its 'exit' event never ended: the process spun in Node's native teardown
// (node::Environment::CleanupHandles -> uv_run), where no JavaScript runs any more, until CI's time
// ran out. The cause was a socket reset while its end() was pending (a Node 20 bug that leaves the
// handle open; the fault proxy no longer does that, see resetConnection in shared/testing). This
// guard stays so that any such stall costs 30 s and says where, not CI's whole budget: Jest's process
// marks its 'exit' event (jest-exit-marker.js); once marked, the run is over, and a process still
// there TEARDOWN_GRACE_SECONDS later is stopped (SIGKILL), saying so and printing its native stack and
// its libuv loop (with gdb, when installed). The exit code is then the one Jest's report
// (--outputFile, required) gives: 0 only if it says `success`, which also covers the coverage
// thresholds. A run kept alive by an open handle, with no exit marked, is not touched: that is a leak
// in a test, and Jest's own warning says so.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const TEARDOWN_GRACE_SECONDS = Number(process.env.TEARDOWN_GRACE_SECONDS ?? 30);
const report = process.argv.find((arg) => arg.startsWith('--outputFile='))?.slice('--outputFile='.length);
if (!report) throw new Error('run-jest.mjs needs --outputFile=FILE (with --json)');
const dir = mkdtempSync(path.join(tmpdir(), 'jest-exit-'));
const marker = path.join(dir, 'exit-code');

const jestBin = createRequire(import.meta.url).resolve('jest/bin/jest');
const jest = spawn(process.execPath, [jestBin, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, JEST_EXIT_MARKER: marker },
});

// For gdb: the libuv loop's counters and every handle still in it (type numbers are uv_handle_type:
// 1 async, 2 check, 6 idle, 7 pipe, 9 prepare, 10 process, 12 tcp, 13 timer, 14 tty, 15 udp, 16
// signal; flags 0x1 closing, 0x2 closed, 0x4 active, 0x8 ref). Reads memory only: calling functions in
// the stalled process is not possible everywhere (it is not in this sandbox).
const LOOP_REPORT = `
printf "libuv loop: %u active handles, %u active requests\\n", default_loop_struct.active_handles, default_loop_struct.active_reqs.count
set $head = &default_loop_struct.handle_queue
set $q = default_loop_struct.handle_queue.next
set $n = 0
while $q != $head && $n < 200
  set $h = (uv_handle_t*)((char*)$q - (unsigned long)&((uv_handle_t*)0)->handle_queue)
  printf "libuv handle: type %d flags 0x%x\\n", $h->type, $h->flags
  set $q = $q->next
  set $n = $n + 1
end
`;

function describeStall(pid) {
  const script = path.join(dir, 'loop.gdb');
  writeFileSync(script, LOOP_REPORT);
  const gdb = spawnSync('gdb', ['-p', String(pid), '-batch', '-nx', '-ex', 'bt 15', '-x', script], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (gdb.error) return '(no gdb here to show the native stack)';
  return gdb.stdout
    .split('\n')
    .filter((line) => line.startsWith('#') || line.startsWith('libuv'))
    .join('\n');
}

let stallTimer;
let stoppedInTeardown = false;
const poll = setInterval(() => {
  if (stallTimer || !existsSync(marker)) return;
  stallTimer = setTimeout(() => {
    process.stderr.write(
      `run-jest: Jest's run was over (its 'exit' event fired), but its process was still in Node's teardown ` +
        `${TEARDOWN_GRACE_SECONDS} s later; stopping it.\n${describeStall(jest.pid)}\n`,
    );
    stoppedInTeardown = true;
    jest.kill('SIGKILL');
  }, TEARDOWN_GRACE_SECONDS * 1000);
}, 1000);

function reportedCode() {
  try {
    return JSON.parse(readFileSync(report, 'utf8')).success === true ? 0 : 1;
  } catch {
    return 1;
  }
}

jest.on('exit', (code, signal) => {
  clearInterval(poll);
  clearTimeout(stallTimer);
  const chosen = stoppedInTeardown ? reportedCode() : (code ?? 1);
  rmSync(dir, { recursive: true, force: true });
  if (signal && !stoppedInTeardown) process.stderr.write(`run-jest: Jest was stopped by ${signal}\n`);
  process.exit(chosen);
});
