/**
 * The end of `pnpm bench`: gathers every bench's JSON (projects/<p>/bench/results/*.json, written by
 * writeBenchReport in @roadmap/testing) into docs/benchmarks.md: the machine, the date, each table,
 * then the issue's goal table filled from those figures. Figures are never typed in by hand here.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const projects = path.join(root, 'projects');

const reports = [];
for (const project of readdirSync(projects).sort()) {
  const dir = path.join(projects, project, 'bench', 'results');
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    reports.push({ project, ...JSON.parse(readFileSync(path.join(dir, file), 'utf8')) });
  }
}
const byName = Object.fromEntries(reports.map((r) => [r.name, r]));

const table = ({ columns, rows }) =>
  [columns, columns.map(() => '---'), ...rows].map((cells) => `| ${cells.map(String).join(' | ')} |`).join('\n');

/** The row of `report`'s table `t` whose first cell starts with `label`. */
function row(report, label, t = 0) {
  return report?.tables[t]?.rows.find((r) => String(r[0]).startsWith(label));
}

const goals = [];
const notes = byName['notes-vs-bare'];
if (notes) {
  const ratio = row(notes, 'notes GET one by id')?.[5];
  goals.push([
    'notes GET by id / bare Express (same JSON)',
    `${ratio} (${row(notes, 'notes GET one by id')?.[1]} vs ${row(notes, 'bare')?.[1]} req/s)`,
    '>= 0.7',
    Number(ratio) >= 0.7 ? 'met' : `misses by ${(0.7 - Number(ratio)).toFixed(2)}`,
    "the access log: the bare route with pino-http alone, in the same run, is as slow (the bench's last rows)",
  ]);
}
const shop = byName['shop'];
if (shop) {
  const cached = row(shop, 'cached');
  const uncached = row(shop, 'uncached');
  const ratio = Number(cached?.[4]);
  goals.push([
    'shop cached product list / bare Express (same JSON)',
    `${cached?.[4]} (${cached?.[1]} vs ${row(shop, 'bare')?.[1]} req/s)`,
    '>= 0.7',
    ratio >= 0.7 ? 'met' : `misses by ${(0.7 - ratio).toFixed(2)}`,
    'the access log as above, plus one Redis round trip per request (the catalog version)',
  ]);
  const speedup = Number(cached?.[1]) / Number(uncached?.[1]);
  goals.push([
    'shop cached / uncached list',
    `${speedup.toFixed(1)}x`,
    '>= 5x',
    speedup >= 5 ? 'met' : `misses by ${(5 - speedup).toFixed(1)}x`,
    'the uncached search got faster (one pass, migration 007) while the access log holds the cached list',
  ]);
  const race = shop.tables[1]?.rows[0];
  if (race)
    goals.push([
      'checkout race, 500 checkouts for the last 10 units',
      `${race[1]} attempts/s, ${race[3]} oversold; ${race[5]} of ${race[4]} INSERT ... RETURNING/s`,
      '0 oversold; ratio reported',
      race[3] === 0 ? 'met' : 'missed',
      'row locks: 490 of 500 attempts wait for the lock, then 409',
    ]);
}
const outbox = byName['outbox-latency'];
if (outbox) {
  for (const r of outbox.tables[0].rows.filter((r) => r[1] === 'notify')) {
    goals.push([
      `outbox commit -> consumer at ${r[0]} events/s`,
      `p50 ${r[4]} ms, p99 ${r[5]} ms, max ${r[6]} ms (${r[3]} events)`,
      'p99 <= 100 ms',
      r[5] <= 100 ? 'met' : `misses by ${Math.round(r[5] - 100)} ms`,
      'one relay round; under load, CPU scheduling',
    ]);
  }
}
const realtime = byName['realtime'];
if (realtime) {
  const r = row(realtime, 'commit -> receipt');
  goals.push([
    'Socket.io broadcast to 1,000 clients, commit -> receipt, shop bench beside it',
    `p50 ${r?.[1]} ms, p95 ${r?.[2]} ms, p99 ${r?.[3]} ms`,
    'p99 <= 50 ms',
    Number(r?.[3]) <= 50 ? 'met' : `misses by ${Math.round(Number(r?.[3]) - 50)} ms`,
    'two cores shared by the shop under the checkout race, RabbitMQ, PostgreSQL and the 1,000 clients',
  ]);
}
const scale = byName['at-scale'];
if (scale) {
  const slow = scale.tables[0].rows.filter((r) => r[5] !== 'yes');
  goals.push([
    'at 100k products / 1M orders, every figure p95 < 100 ms',
    `${scale.tables[0].rows.length - slow.length} of ${scale.tables[0].rows.length} under 100 ms`,
    'all',
    slow.length === 0 ? 'met' : `missed: ${slow.map((r) => `${r[0]} (${r[2]} ms)`).join('; ')}`,
    'the search ranks and counts every match (8,800 products for "kettle") on one core',
  ]);
}

// The MongoDB list queries at scale (bench/posts-at-scale.ts, bench/shows-at-scale.ts): columns are
// query, data, API p50/p95, repository p50/p95, raw driver p50/p95, repository / raw, API / raw.
for (const [name, label] of [
  ['posts-at-scale', 'blog post list'],
  ['shows-at-scale', 'movie booking show list'],
]) {
  const full = byName[name]?.tables[0].rows.filter((r) => String(r[1]).startsWith('1x')) ?? [];
  if (full.length === 0) continue;
  const span = (column) => {
    const ratios = full.map((r) => Number(r[column])).filter(Number.isFinite);
    return `${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}`;
  };
  const slowest = full.reduce((a, b) => (Number(b[3]) > Number(a[3]) ? b : a));
  goals.push([
    `${label} at ${String(full[0][1]).replace(/^1x \((.*)\)$/, '$1')}, as ratios to the raw driver (p50)`,
    `repository / raw ${span(8)}, API / raw ${span(9)} over ${full.length} queries; slowest API p95 ${slowest[3]} ms (${slowest[0]})`,
    'ratios reported at 1x and 0.1x',
    'reported',
    'FerretDB v1: sequential scans, sorts and counts in Go after decoding every match',
  ]);
}

const first = reports[0]?.machine;
const lines = [
  '# Benchmarks',
  '',
  'Written by `pnpm bench` (scripts/bench-report.mjs) from the JSON each bench script wrote; do not edit by hand.',
  'Each figure is one run of the bench on the machine below; each report gives the load average it',
  'ran at. Absolute figures move with that load (a figure taken while other work shared the cores',
  'says so by a load average above the CPU count), so compare the ratios measured within one run.',
  '',
  `- machine: ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  `- written: ${new Date().toISOString()}; load average now ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}${first ? `, during the first bench ${first.loadAverage.join(' ')}` : ''}`,
  '',
  '## The goals of issue 20',
  '',
  table({ columns: ['figure', 'measured', 'goal', 'verdict', 'what bounds it (below)'], rows: goals }),
  '',
];
for (const r of reports) {
  lines.push(
    `## ${r.title}${r.name === 'shop-beside-realtime' ? ' (run beside the realtime bench)' : ''}`,
    '',
    `\`${r.project}\`, bench \`${r.name}\`, ${r.date}, load average ${r.machine.loadAverage.join(' ')}.`,
    '',
    r.method,
    '',
  );
  for (const t of r.tables) lines.push(table(t), '');
  for (const note of r.notes ?? []) lines.push(`- ${note}`);
  if (r.notes?.length) lines.push('');
}
const bounds = path.join(root, 'docs', 'benchmarks.bounds.md');
if (existsSync(bounds)) lines.push(readFileSync(bounds, 'utf8').trim(), '');
writeFileSync(path.join(root, 'docs', 'benchmarks.md'), `${lines.join('\n')}\n`);
process.stdout.write(`docs/benchmarks.md written from ${reports.length} bench reports\n`);
