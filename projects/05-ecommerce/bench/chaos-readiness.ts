/**
 * What readiness said during the e-commerce chaos run: every process's /readyz polled all along, and
 * per fault phase what it answered while the dependency was down and how long after the restore
 * every process was ready again.
 */
import type { PhaseRun } from '@roadmap/testing';

export interface ReadinessSample {
  service: string;
  /** Epoch milliseconds at which the probe was sent. */
  at: number;
  /** 0: no answer within the probe's timeout. */
  status: number;
  state: string;
}

export interface ReadinessWatch {
  samples: ReadinessSample[];
  stop(): Promise<void>;
}

export function watchReadiness(services: Record<string, string>, everyMs = 200): ReadinessWatch {
  const samples: ReadinessSample[] = [];
  let running = true;
  const loops = Object.entries(services).map(async ([service, url]) => {
    while (running) {
      const at = Date.now();
      try {
        const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) });
        const body = (await res.json()) as { status?: string };
        samples.push({ service, at, status: res.status, state: body.status ?? '' });
      } catch {
        samples.push({ service, at, status: 0, state: 'no answer' });
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  });
  return {
    samples,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

export interface ReadinessOfPhase {
  phase: string;
  /** Each answer readiness gave while the dependency was down, with how often. */
  whileDown: string;
  /** From the restore until every process answered 200 (undefined: never within the run). */
  backToReadyMs: number | undefined;
}

export function readinessOfPhase(samples: readonly ReadinessSample[], phase: PhaseRun): ReadinessOfPhase {
  const during = samples.filter((s) => s.at >= phase.startedAt && s.at < phase.endedAt);
  const counts = new Map<string, number>();
  for (const s of during) counts.set(`${s.status} ${s.state}`, (counts.get(`${s.status} ${s.state}`) ?? 0) + 1);
  const services = [...new Set(samples.map((s) => s.service))];
  const readyAgain = services.map(
    (service) => samples.find((s) => s.service === service && s.at >= phase.endedAt && s.status === 200)?.at,
  );
  const backToReadyMs = readyAgain.every((at) => at !== undefined)
    ? Math.max(...readyAgain.map((at) => (at as number) - phase.endedAt))
    : undefined;
  return {
    phase: phase.name,
    whileDown: [...counts.entries()].map(([answer, n]) => `${answer} ×${n}`).join(', '),
    backToReadyMs,
  };
}

export function formatReadiness(name: string, rows: readonly ReadinessOfPhase[]): string {
  return [
    `| ${name}: fault phase | readiness while down | every process ready again |`,
    '| --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${row.phase} | ${row.whileDown} | ${
          row.backToReadyMs === undefined
            ? '**not within the run**'
            : `${(row.backToReadyMs / 1000).toFixed(1)} s after the restore`
        } |`,
    ),
  ].join('\n');
}
