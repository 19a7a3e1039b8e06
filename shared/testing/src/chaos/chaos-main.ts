/**
 * The entry point of a project's `pnpm chaos`: runs its scenario, prints the table on stdout
 * (progress on stderr) and exits 1 if anything was lost, duplicated or left unanswered.
 * CHAOS_SCALE shortens every phase for a quick try (0.2: a fifth), which also shortens the SMTP
 * outage below the two minutes the real run proves.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '@roadmap/core';
import { z } from 'zod';
import { chaosPassed, formatChaosReport } from './chaos-report.js';
import { DEFAULT_CHAOS_PHASES, type ChaosScenario } from './chaos-scenario.js';
import { runChaos } from './run-chaos.js';

const chaosEnvSchema = z.object({
  CHAOS_SCALE: z.coerce.number().positive().max(10).default(1),
});

export function chaosMain(scenario: ChaosScenario): void {
  const { CHAOS_SCALE: scale } = loadConfig(chaosEnvSchema);
  const phases = DEFAULT_CHAOS_PHASES.map((phase) => ({
    ...phase,
    seconds: Math.max(3, Math.round(phase.seconds * scale)),
  }));
  const started = Date.now();
  const serverLog = path.join(tmpdir(), `chaos-${scenario.name.replace(/\W+/g, '-')}.log`);
  runChaos(scenario, { phases, serverLog, progress: (line) => process.stderr.write(`${line}\n`) })
    .then((report) => {
      process.stdout.write(`${formatChaosReport(report)}\n`);
      process.stderr.write(
        `${scenario.name}: chaos run took ${Math.round((Date.now() - started) / 1000)} s; server log in ${serverLog}\n`,
      );
      process.exit(chaosPassed(report) ? 0 : 1);
    })
    .catch((err: unknown) => {
      process.stderr.write(`chaos run failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    });
}
