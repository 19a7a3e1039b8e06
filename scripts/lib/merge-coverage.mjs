// Merges the coverage of Jest's shards (each a coverage-final.json, from --coverageReporters=json)
// and checks jest.config.js's coverageThreshold as one whole Jest run does: a path's threshold
// counts the files under it, `global` the files under no path. Prints the summary of each; exits 1
// when one is not met. Run from the repository root:
//   node scripts/lib/merge-coverage.mjs coverage-1/coverage-final.json coverage-2/coverage-final.json ...
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

// Jest's own coverage libraries (dependencies of @jest/reporters, not of the workspace root).
const chain = ['jest', '@jest/core', '@jest/reporters'];
const fromReporters = chain.reduce(
  (require, name) => createRequire(require.resolve(name)),
  createRequire(import.meta.url),
);
const { createCoverageMap } = fromReporters('istanbul-lib-coverage');
const { coverageThreshold } = createRequire(import.meta.url)(path.resolve('jest.config.js'));

const files = process.argv.slice(2);
if (files.length === 0) throw new Error('usage: merge-coverage.mjs coverage-final.json...');
const map = createCoverageMap({});
for (const file of files) map.merge(JSON.parse(readFileSync(file, 'utf8')));

const groups = Object.keys(coverageThreshold).filter((group) => group !== 'global');
const prefixOf = (group) => path.resolve(group) + (group.endsWith('/') ? path.sep : '');
const membersOf = new Map([...groups, 'global'].map((group) => [group, []]));
for (const file of map.files()) {
  const matching = groups.filter((group) => file.startsWith(prefixOf(group)));
  for (const group of matching.length > 0 ? matching : ['global']) membersOf.get(group).push(file);
}

const errors = [];
process.stdout.write(`coverage of ${map.files().length} files merged from ${files.length} shards\n`);
for (const [group, members] of membersOf) {
  const thresholds = coverageThreshold[group];
  if (!thresholds || members.length === 0) continue;
  const summary = members.map((file) => map.fileCoverageFor(file).toSummary()).reduce((all, next) => all.merge(next));
  const figures = ['lines', 'branches', 'statements', 'functions'].map((key) => `${key} ${summary[key].pct}%`);
  process.stdout.write(`${group} (${members.length} files): ${figures.join(', ')}\n`);
  for (const [key, threshold] of Object.entries(thresholds)) {
    if (summary[key].pct < threshold) errors.push(`${group}: ${key} ${summary[key].pct}% is below ${threshold}%`);
  }
}
for (const error of errors) process.stderr.write(`coverage threshold not met: ${error}\n`);
process.exitCode = errors.length > 0 ? 1 : 0;
