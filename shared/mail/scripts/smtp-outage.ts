/**
 * The real SMTP outage: the mail server is cut for two minutes (SMTP_OUTAGE_SECONDS) while mail is
 * owed, with the default retry policy, then restored; prints owed / delivered / duplicated / lost
 * as one JSON line and exits 1 unless every message arrived exactly once. Used by the chaos run.
 *
 *   pnpm --filter @roadmap/mail smtp-outage          # needs MongoDB and Redis (scripts/services.sh)
 */
import { createLogger } from '@roadmap/core';
import { runSmtpOutage } from '../test/support/smtp-outage.js';

const outageSeconds = Number(process.env.SMTP_OUTAGE_SECONDS ?? 120);
const messages = Number(process.env.SMTP_OUTAGE_MESSAGES ?? 20);
const logger = createLogger({ name: 'smtp-outage', level: process.env.LOG_LEVEL ?? 'warn' });

async function main(): Promise<void> {
  const startedAt = Date.now();
  const report = await runSmtpOutage({
    logger,
    messages,
    outageMs: outageSeconds * 1000,
    // The default policy retries at most every 15 minutes; after a 2-minute outage the next try
    // comes within ~2 minutes (10 s, 20 s, 40 s, 80 s, 160 s ... after the first).
    settleMs: 10 * 60_000,
  });
  process.stdout.write(
    `${JSON.stringify({ outageSeconds, ...report, totalSeconds: (Date.now() - startedAt) / 1000 })}\n`,
  );
  process.exit(report.lost === 0 && report.duplicated === 0 ? 0 : 1);
}

void main();
