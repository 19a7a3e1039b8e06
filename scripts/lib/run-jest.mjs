// Runs Jest for scripts/test.sh (arguments passed through; --outputFile=FILE required) and exits with
// its exit code. One guard: Jest writes its report when the run is over, so a process still alive
// TEARDOWN_GRACE_SECONDS later is held open by something a test left running (or stuck in Node's
// teardown). It is stopped, the exit code comes from the report, and the hint names the next step:
// `--detectOpenHandles` makes Jest name the handles.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const TEARDOWN_GRACE_SECONDS = Number(process.env.TEARDOWN_GRACE_SECONDS ?? 30);
const args = process.argv.slice(2);
const report = args.find((arg) => arg.startsWith('--outputFile='))?.slice('--outputFile='.length);
if (!report) throw new Error('run-jest.mjs needs --outputFile=FILE (with --json)');
rmSync(report, { force: true });

const jest = spawn(process.execPath, [createRequire(import.meta.url).resolve('jest/bin/jest'), ...args], {
  stdio: 'inherit',
});

let stopped = false;
const watch = setInterval(() => {
  if (!existsSync(report)) return;
  clearInterval(watch);
  setTimeout(() => {
    process.stderr.write(
      `run-jest: Jest's run was over ${TEARDOWN_GRACE_SECONDS} s ago but its process is still open; stopping it.\n` +
        'run-jest: `pnpm exec jest --detectOpenHandles <suite>` names the handles a test left open.\n',
    );
    stopped = true;
    jest.kill('SIGKILL');
  }, TEARDOWN_GRACE_SECONDS * 1000).unref();
}, 1000);

jest.on('exit', (code, signal) => {
  clearInterval(watch);
  if (signal && !stopped) process.stderr.write(`run-jest: Jest was stopped by ${signal} from outside\n`);
  if (!stopped) process.exit(code ?? 1);
  try {
    process.exit(JSON.parse(readFileSync(report, 'utf8')).success === true ? 0 : 1);
  } catch {
    process.exit(1);
  }
});
