/**
 * The one table a chaos run prints: requests by outcome and the slowest answer per phase, writes
 * acknowledged vs stored vs lost, and emails owed vs delivered.
 */
import type { RequestRecord } from './chaos-load.js';
import type { ChaosPhase, WriteAudit } from './chaos-scenario.js';

export interface MailAudit {
  owed: number;
  delivered: number;
  duplicated: number;
  lost: number;
}

/** A phase as it ran: epoch milliseconds. */
export interface PhaseRun extends ChaosPhase {
  startedAt: number;
  endedAt: number;
}

export interface ChaosReport {
  scenario: string;
  phases: PhaseRun[];
  records: RequestRecord[];
  writes: WriteAudit[];
  mail: MailAudit;
  /** From the end of the last phase until every owed email had arrived (or the wait gave up). */
  mailCatchUpSeconds: number;
}

const number = (n: number) => n.toLocaleString('en-US');

function outcomes(records: readonly RequestRecord[]): string {
  const count = (test: (r: RequestRecord) => boolean) => records.filter(test).length;
  const parts: [string, number][] = [
    ['2xx', count((r) => r.status >= 200 && r.status < 300)],
    ['4xx', count((r) => r.status >= 400 && r.status < 500)],
    ['503', count((r) => r.status === 503)],
    ['other 5xx', count((r) => r.status >= 500 && r.status !== 503)],
    ['no answer', count((r) => r.status === 0)],
  ];
  return parts
    .filter(([, n], i) => n > 0 || i === 0)
    .map(([label, n]) => `${label} ${number(n)}`)
    .join(' · ');
}

function slowest(records: readonly RequestRecord[]): string {
  const ms = Math.max(0, ...records.map((r) => r.ms));
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

/**
 * Markdown: one row per phase (the requests started in it, and the slowest answer of any request
 * in flight during it), then totals, writes and mail.
 */
export function formatChaosReport(report: ChaosReport): string {
  const rows: [string, string][] = report.phases.map((phase) => {
    const started = report.records.filter((r) => r.startedAt >= phase.startedAt && r.startedAt < phase.endedAt);
    const inFlight = report.records.filter((r) => r.startedAt < phase.endedAt && r.endedAt > phase.startedAt);
    return [
      `${phase.name} (${phase.seconds} s)`,
      `${number(started.length)} requests: ${outcomes(started)}; slowest answer ${slowest(inFlight)}`,
    ];
  });
  rows.push(['all requests', `${number(report.records.length)}: ${outcomes(report.records)}`]);
  for (const write of report.writes) {
    rows.push([
      `${write.label}: written vs lost`,
      `${number(write.acknowledged)} acknowledged, ${number(write.stored)} stored, **${number(write.lost)} lost**, ` +
        `${number(write.storedButRefused)} stored though answered an error`,
    ]);
  }
  const { mail } = report;
  rows.push([
    'emails owed vs delivered',
    `${number(mail.owed)} owed, ${number(mail.delivered)} delivered, **${number(mail.lost)} lost, ` +
      `${number(mail.duplicated)} duplicated**; all in ${Math.round(report.mailCatchUpSeconds)} s after the last phase`,
  ]);
  return [
    `| ${report.scenario}: phase / measure | outcome |`,
    '| --- | --- |',
    ...rows.map(([name, value]) => `| ${name} | ${value} |`),
  ].join('\n');
}

/** True when nothing was lost or duplicated and every request got an answer. */
export function chaosPassed(report: ChaosReport): boolean {
  return (
    report.writes.every((write) => write.lost === 0) &&
    report.mail.lost === 0 &&
    report.mail.duplicated === 0 &&
    report.records.every((r) => r.status !== 0)
  );
}
