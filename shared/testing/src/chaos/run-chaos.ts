/**
 * A chaos run: the project's real server as a child process, reaching Redis, MongoDB and an SMTP
 * sink through fault proxies, under mixed load for a few minutes while each dependency is cut (or
 * blackholed) in turn; then the load stops, owed mail is given time to arrive, and the run reports
 * what happened to every request, write and email. Everything lives under isolated names and is
 * removed at the end.
 */
import { writeFile } from 'node:fs/promises';
import type { ChildServer } from '../child-server.js';
import { startFaultProxy, targetOf, type FaultProxy } from '../fault-proxy.js';
import { createTestRedis } from '../redis.js';
import { startServerProcess } from '../server-process.js';
import { testServices } from '../services.js';
import { startSmtpSink } from '../smtp.js';
import { waitFor } from '../wait.js';
import { startChaosLoad } from './chaos-load.js';
import type { ChaosReport, MailAudit, PhaseRun } from './chaos-report.js';
import { DEFAULT_CHAOS_PHASES, type ChaosPhase, type ChaosScenario, type ChaosService } from './chaos-scenario.js';

export interface ChaosOptions {
  phases?: ChaosPhase[];
  /** How long owed mail may take to arrive after the last phase (the default retry policy waits up to 160 s). */
  settleMs?: number;
  /** A request without an answer after this long counts as unanswered. */
  requestTimeoutMs?: number;
  /** Progress lines (phase changes) go here. */
  progress?: (line: string) => void;
  /** Where to write the server's log once it has stopped. */
  serverLog?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function withDatabase(url: string, dbName: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${dbName}`;
  return parsed.toString();
}

export async function runChaos(scenario: ChaosScenario, options: ChaosOptions = {}): Promise<ChaosReport> {
  const { phases = DEFAULT_CHAOS_PHASES, settleMs = 6 * 60_000, requestTimeoutMs = 60_000 } = options;
  const progress = options.progress ?? (() => undefined);
  // Loaded here, so the barrel of @roadmap/testing never loads mongoose.
  const { createTestDatabase } = await import('../mongo.js');
  const db = await createTestDatabase(`chaos_${scenario.name}`);
  const redis = await createTestRedis(`chaos_${scenario.name}`);
  const sink = await startSmtpSink();
  const proxies: Record<ChaosService, FaultProxy> = {
    redis: await startFaultProxy({ target: targetOf(testServices.redisUrl) }),
    mongo: await startFaultProxy({ target: targetOf(testServices.mongoUrl) }),
    smtp: await startFaultProxy({ target: { host: sink.host, port: sink.port } }),
  };
  let server: ChildServer | undefined;
  try {
    await scenario.setup(db.connection);
    server = await startServerProcess(
      scenario.server,
      scenario.env({
        mongoUrl: withDatabase(proxies.mongo.url(testServices.mongoUrl), db.dbName),
        redisUrl: proxies.redis.url(testServices.redisUrl),
        redisPrefix: redis.prefix.replace(/:$/, ''),
        smtpUrl: `smtp://127.0.0.1:${proxies.smtp.port}`,
      }),
    );
    const load = startChaosLoad(`http://127.0.0.1:${server.port}`, scenario.operations, {
      workers: scenario.workers ?? 6,
      timeoutMs: requestTimeoutMs,
    });
    const ran: PhaseRun[] = [];
    for (const current of phases) {
      progress(`${scenario.name}: ${current.name} for ${current.seconds} s`);
      const startedAt = Date.now();
      if (current.fault) proxies[current.fault.service][current.fault.mode]();
      await sleep(current.seconds * 1000);
      if (current.fault) proxies[current.fault.service].restore();
      ran.push({ ...current, startedAt, endedAt: Date.now() });
    }
    await load.stop();
    const loadEnded = Date.now();
    progress(`${scenario.name}: load stopped; waiting for owed mail`);

    let audit = await scenario.audit(db.connection);
    const received = (key: string) =>
      sink.messages.filter((m) => m.headers.get('message-id') === scenario.messageIdOf(key)).length;
    await waitFor(
      async () => {
        audit = await scenario.audit(db.connection);
        return audit.owedMailKeys.every((key) => received(key) > 0);
      },
      { timeoutMs: settleMs, intervalMs: 2000, description: 'every owed email' },
    ).catch(() => undefined);
    const mailCatchUpSeconds = (Date.now() - loadEnded) / 1000;
    // Give a duplicate, were one on its way, the time to show.
    await sleep(3000);
    const counts = audit.owedMailKeys.map(received);
    const mail: MailAudit = {
      owed: counts.length,
      delivered: counts.filter((n) => n > 0).length,
      duplicated: counts.filter((n) => n > 1).length,
      lost: counts.filter((n) => n === 0).length,
    };
    server.child.kill('SIGTERM');
    await server.exited;
    if (options.serverLog) await writeFile(options.serverLog, server.output());
    return {
      scenario: scenario.name,
      phases: ran,
      records: load.records,
      writes: audit.writes,
      mail,
      mailCatchUpSeconds,
    };
  } finally {
    server?.kill();
    for (const proxy of Object.values(proxies)) proxy.restore();
    await Promise.all(Object.values(proxies).map((proxy) => proxy.close()));
    await sink.close();
    await redis.cleanup();
    await db.cleanup();
  }
}
