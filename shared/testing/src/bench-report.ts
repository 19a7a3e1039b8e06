/**
 * What every bench script ends with: its figures as a table on stdout and as a JSON file
 * (`<project>/bench/results/<name>.json`), which the root `pnpm bench` gathers into
 * docs/benchmarks.md. Benches assert nothing; these are figures, not verdicts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';

export interface BenchTable {
  /** Column names; every row has one cell per column. */
  columns: string[];
  rows: (string | number)[][];
}

export interface BenchReport {
  /** The file's name under bench/results/ and the section's anchor. */
  name: string;
  title: string;
  /** How it was measured: load, sizes, what each figure is from and to. */
  method: string;
  tables: BenchTable[];
  /** Lines under the tables: ratios, goals, bounds. */
  notes?: string[];
}

export interface WrittenBenchReport extends BenchReport {
  date: string;
  machine: { cpus: number; cpuModel: string; node: string; loadAverage: number[] };
}

/** A table in Markdown (GitHub's pipe tables). */
export function markdownTable({ columns, rows }: BenchTable): string {
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
  return [line(columns), line(columns.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Prints the report and writes it to `<benchDir>/results/<name>.json`; answers the file's path. */
export function writeBenchReport(benchDir: string, report: BenchReport): string {
  const written: WrittenBenchReport = {
    ...report,
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loadAverage: loadavg().map((n) => Math.round(n * 100) / 100),
    },
  };
  const out = (text: string) => process.stdout.write(`${text}\n`);
  out(`\n${report.title}\n${report.method}\n`);
  for (const table of report.tables) out(`${markdownTable(table)}\n`);
  for (const note of report.notes ?? []) out(note);
  const file = path.join(benchDir, 'results', `${report.name}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(written, null, 2)}\n`);
  out(`\nwritten to ${file}`);
  return file;
}

/** The value at quantile `q` (0..1) of ascending `sorted` values (nearest rank). */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
