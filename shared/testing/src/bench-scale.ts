/**
 * What the "at scale" benches share: repeatable skewed data (a seeded random source and a Zipf pick,
 * so a few authors, tags or movies carry most of the rows, as in real data), sequential timing with
 * p50/p95, and the table that sets one query's API, repository and raw-driver times side by side.
 */
import type { BenchTable } from './bench-report.js';
import { quantile } from './bench-report.js';

/** A deterministic random source in [0, 1) (mulberry32): the same seed lays the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Picks from `items` with the k-th item `1 / k^exponent` times as likely as the first (Zipf's law:
 * with exponent 1 the first of 200 items is picked about 17 % of the time, the 100th 0.2 %).
 */
export function zipfPicker<T>(items: readonly T[], random: () => number, exponent = 1): () => T {
  if (items.length === 0) throw new Error('zipfPicker needs at least one item');
  const cumulative: number[] = [];
  let sum = 0;
  for (let k = 1; k <= items.length; k += 1) {
    sum += 1 / k ** exponent;
    cumulative.push(sum);
  }
  return () => {
    const target = random() * sum;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return items[low]!;
  };
}

export interface Timing {
  p50: number;
  p95: number;
}

/**
 * `runs` sequential calls, after one warm-up unless told otherwise (a call of seconds on warm
 * connections needs none): p50 and p95 in milliseconds, to 0.1 ms (nearest rank: with few runs the
 * p95 is the slowest call).
 */
export async function timeCalls(
  runs: number,
  call: () => Promise<unknown>,
  { warmUp = true }: { warmUp?: boolean } = {},
): Promise<Timing> {
  if (warmUp) await call();
  const ms: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await call();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { p50: round(quantile(ms, 0.5)), p95: round(quantile(ms, 0.95)) };
}

/** One list query timed through the three layers at one data size. */
export interface LayeredTiming {
  query: string;
  /** E.g. `1x (100,000 posts)`. */
  scale: string;
  /** Over HTTP: routing, validation, the service, the view, JSON. */
  api: Timing;
  /** The repository method the route's service calls (Mongoose). */
  repository: Timing;
  /** The same filter, sort, projection, skip, limit and count with the `mongodb` driver. */
  raw: Timing;
}

const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '-');

/** The table of `timings`: each layer's p50/p95 and the ratios to the raw driver (by p50). */
export function layeredTable(timings: readonly LayeredTiming[]): BenchTable {
  return {
    columns: [
      'query',
      'data',
      'API p50 ms',
      'API p95 ms',
      'repository p50 ms',
      'repository p95 ms',
      'raw driver p50 ms',
      'raw driver p95 ms',
      'repository / raw',
      'API / raw',
    ],
    rows: timings.map((t) => [
      t.query,
      t.scale,
      t.api.p50,
      t.api.p95,
      t.repository.p50,
      t.repository.p95,
      t.raw.p50,
      t.raw.p95,
      ratio(t.repository.p50, t.raw.p50),
      ratio(t.api.p50, t.raw.p50),
    ]),
  };
}
