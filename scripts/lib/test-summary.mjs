// Prints the end of scripts/test.sh from Jest's and newman's JSON reports: the 10 slowest Jest suites
// (with the time of each phase when JEST_PHASES names the file scripts/lib/jest-phases.js wrote),
// then the closing line, e.g.
//   tests: 650 passed, 0 failed (jest: 555 passed, 0 failed; newman: 15 assertions passed, 0 failed;
//   newman-realworld: 80 assertions passed, 0 failed)
// Arguments: STEP=EXIT_CODE=REPORT... with STEP jest, newman or newman-<collection> (the newman steps
// absent when they did not run).
// A step that exited non-zero without a failing test or assertion in its report (a coverage
// threshold, a crash before the report), or left no report, adds one failure, so a failed run never
// says "0 failed". Exits 1 when anything failed: scripts/test.sh ends with this exit code.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

function readJson(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

const counters = {
  jest(report) {
    const skipped = report.numPendingTests + report.numTodoTests;
    return {
      passed: report.numPassedTests,
      failed: report.numFailedTests,
      text:
        `${report.numPassedTests} passed, ${report.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ''),
    };
  },
  newman({ run }) {
    const { total, failed: failedAssertions } = run.stats.assertions;
    // Script and request errors are failures as well as failed assertions.
    const failed = Math.max(failedAssertions, run.failures.length);
    return {
      passed: total - failedAssertions,
      failed,
      text: `${total - failedAssertions} assertions passed, ${failed} failed`,
    };
  },
};

/** Each suite's phases (load, setup, tests, teardown) in ms, by absolute path, when they were recorded. */
function readPhases(file) {
  if (!file || !existsSync(file)) return new Map();
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  return new Map(lines.map((line) => JSON.parse(line)).map((phases) => [phases.file, phases]));
}

function printSlowest(report, count = 10) {
  const phases = readPhases(process.env.JEST_PHASES);
  const seconds = (ms) => (ms / 1000).toFixed(1).padStart(6);
  const suites = report.testResults
    .map((suite) => ({ file: suite.name, ms: suite.endTime - suite.startTime }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count);
  const header = phases.size > 0 ? '  total    load   setup   tests teardown' : '  total';
  process.stdout.write(`\nslowest ${suites.length} Jest suites (seconds):\n${header}\n`);
  for (const { file, ms } of suites) {
    const phase = phases.get(file);
    const split = phase ? [phase.load, phase.setup, phase.tests, phase.teardown].map(seconds).join('  ') : '';
    process.stdout.write(`${seconds(ms)}  ${split}  ${path.relative(process.cwd(), file)}\n`);
  }
  const wall = (Math.max(...report.testResults.map((suite) => suite.endTime)) - report.startTime) / 1000;
  const summed = report.testResults.reduce((sum, suite) => sum + suite.endTime - suite.startTime, 0) / 1000;
  process.stdout.write(
    `Jest: ${report.testResults.length} suites in ${wall.toFixed(0)} s, their times adding up to ${summed.toFixed(0)} s\n\n`,
  );
}

let passed = 0;
let failed = 0;
const parts = [];
for (const argument of process.argv.slice(2)) {
  const [step, exitCode, file] = argument.split('=');
  const report = readJson(file);
  if (step === 'jest' && report?.testResults.length) printSlowest(report);
  const counter = counters[step.startsWith('newman') ? 'newman' : step];
  const count = report ? counter(report) : { passed: 0, failed: 0, text: 'no report' };
  passed += count.passed;
  failed += count.failed;
  let text = `${step}: ${count.text}`;
  if (exitCode !== '0') text += `, exited ${exitCode}`;
  if ((exitCode !== '0' || !report) && count.failed === 0) failed += 1;
  parts.push(text);
}

process.stdout.write(`tests: ${passed} passed, ${failed} failed (${parts.join('; ')})\n`);
process.exitCode = failed === 0 ? 0 : 1;
