// Jest's globalSetup (jest.config.js), run once in Jest's own process: when JEST_EXIT_MARKER names a
// file, the process creates it at its 'exit' event, the last moment JavaScript runs.
// scripts/lib/run-jest.mjs uses it to tell a test run that is over (only Node's native teardown is
// left) from one that is still running or kept alive by an open handle.
const { writeFileSync } = require('node:fs');

module.exports = async function markExit() {
  const marker = process.env.JEST_EXIT_MARKER;
  if (!marker) return;
  process.once('exit', () => writeFileSync(marker, ''));
};
