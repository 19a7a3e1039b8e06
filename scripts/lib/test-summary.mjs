// Prints the closing line of scripts/test.sh from Jest's and newman's JSON reports, e.g.
//   tests: 650 passed, 0 failed (jest: 555 passed, 0 failed; newman: 15 assertions passed, 0 failed;
//   newman-realworld: 80 assertions passed, 0 failed)
// Arguments: STEP=EXIT_CODE=REPORT... with STEP jest, newman or newman-<collection> (the newman steps
// absent when they did not run).
// A step that exited non-zero without a failing test or assertion in its report (a coverage
// threshold, a crash before the report), or left no report, adds one failure, so a failed run never
// says "0 failed". Exits 1 when anything failed: scripts/test.sh ends with this exit code.
import { existsSync, readFileSync } from 'node:fs';

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

let passed = 0;
let failed = 0;
const parts = [];
for (const argument of process.argv.slice(2)) {
  const [step, exitCode, file] = argument.split('=');
  const report = readJson(file);
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
