/**
 * The e-commerce processes under chaos: the shop, payments and notifications run as real processes
 * (test/support/service-processes.ts) with PostgreSQL, RabbitMQ and Redis each behind a fault proxy,
 * under mixed load (browse, buy, pay, track; see chaos-shop.ts), while PostgreSQL is cut, then
 * blackholed, then RabbitMQ and Redis are cut, with calm in between. Then the load stops, owed work
 * is given time to finish, and it prints the shared chaos table (requests per phase, slowest answer,
 * writes acknowledged vs stored, emails owed vs delivered) and what readiness said. Exits 1 if a
 * write or an email was lost or duplicated, or a request went unanswered.
 *
 *   pnpm --filter @roadmap/ecommerce chaos       (about 3 minutes; CHAOS_SCALE=0.3 for a quick try)
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '@roadmap/core';
import { messageIdFor } from '@roadmap/mail';
import {
  chaosPassed,
  formatChaosReport,
  startChaosLoad,
  startHarness,
  waitFor,
  type ChaosPhase,
  type ChaosReport,
  type FaultProxy,
  type PhaseRun,
} from '@roadmap/testing';
import express from 'express';
import { Client } from 'pg';
import { z } from 'zod';
import { startServiceProcesses } from '../test/support/service-processes.js';
import { createCatalog, newShopState, shopOperations, type ChaosShopState } from './chaos-shop.js';
import { formatReadiness, readinessOfPhase, watchReadiness } from './chaos-readiness.js';

type Dependency = 'postgres' | 'amqp' | 'redis';

const PHASES: (Omit<ChaosPhase, 'fault'> & { fault?: { dependency: Dependency; mode: 'cut' | 'blackhole' } })[] = [
  { name: 'calm', seconds: 15 },
  { name: 'postgres cut', seconds: 12, fault: { dependency: 'postgres', mode: 'cut' } },
  { name: 'calm after the cut', seconds: 15 },
  { name: 'postgres blackholed', seconds: 12, fault: { dependency: 'postgres', mode: 'blackhole' } },
  { name: 'calm after the blackhole', seconds: 15 },
  { name: 'rabbitmq cut', seconds: 12, fault: { dependency: 'amqp', mode: 'cut' } },
  { name: 'calm after rabbitmq', seconds: 15 },
  { name: 'redis cut', seconds: 12, fault: { dependency: 'redis', mode: 'cut' } },
  { name: 'calm after redis', seconds: 15 },
];

const { CHAOS_SCALE: scale } = loadConfig(z.object({ CHAOS_SCALE: z.coerce.number().positive().max(10).default(1) }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const progress = (line: string) => process.stderr.write(`ecommerce: ${line}\n`);

/** What the stored state says about the writes the shoppers were answered, and the mail it owes. */
async function audit(databaseUrl: string, state: ChaosShopState) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string; cart_id: string; status: string; payment_status: string }>(
      'select id, cart_id, status, payment_status from shop.orders where cart_id = any($1::uuid[])',
      [[...state.checkoutCarts]],
    );
    const stored = new Map(rows.map((row) => [row.id, row]));
    const acknowledged = [...state.orders.keys()];
    const paid = rows.filter((row) => row.payment_status === 'paid').map((row) => row.id);
    const confirmed = [...state.confirmed];
    return {
      writes: [
        {
          label: 'orders (checkout 201)',
          acknowledged: acknowledged.length,
          stored: acknowledged.filter((id) => stored.has(id)).length,
          lost: acknowledged.filter((id) => !stored.has(id)).length,
          storedButRefused: rows.filter((row) => !state.orders.has(row.id)).length,
        },
        {
          label: 'payments (confirm 200) vs orders paid',
          acknowledged: confirmed.length,
          stored: confirmed.filter((id) => stored.get(id)?.payment_status === 'paid').length,
          lost: confirmed.filter((id) => stored.get(id)?.payment_status !== 'paid').length,
          storedButRefused: paid.filter((id) => !state.confirmed.has(id)).length,
        },
      ],
      owedMailKeys: paid.map((id) => `order-paid:${id}`),
    };
  } finally {
    await db.end();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  // The harness gives the isolated services and removes them; nothing is served from this process.
  const harness = await startHarness('chaos_ecommerce', async (ctx) => ({
    app: express(),
    ...(await startServiceProcesses(ctx, {
      faults: { postgres: true, amqp: true, redis: true },
      // Every shopper comes from 127.0.0.1: the per-client limits would measure themselves.
      env: { RATE_LIMIT_PER_MINUTE: '1000000', CHECKOUT_RATE_LIMIT_PER_MINUTE: '1000000' },
    })),
  }));
  try {
    const proxies = harness.proxies as Record<Dependency, FaultProxy>;
    const products = await createCatalog(harness.shop.url, harness.issuer);
    const state = newShopState();
    const readiness = watchReadiness({
      shop: harness.shop.url,
      payments: harness.payments.url,
      notifications: harness.notifications.url,
    });
    const operations = shopOperations({ shop: harness.shop.url, payments: harness.payments.url }, products, state);
    const load = startChaosLoad('', operations, { workers: 6, timeoutMs: 30_000 });
    const ran: PhaseRun[] = [];
    for (const phase of PHASES) {
      const seconds = Math.max(3, Math.round(phase.seconds * scale));
      progress(`${phase.name} for ${seconds} s`);
      const startedAt = Date.now();
      if (phase.fault) proxies[phase.fault.dependency][phase.fault.mode]();
      await sleep(seconds * 1000);
      if (phase.fault) proxies[phase.fault.dependency].restore();
      ran.push({ name: phase.name, seconds, startedAt, endedAt: Date.now() });
    }
    await load.stop();
    const loadEnded = Date.now();
    progress('load stopped; waiting for payments and mail owed');
    const received = (key: string) =>
      harness.smtp.messages.filter((m) => m.headers.get('message-id') === messageIdFor(key, 'shop.local')).length;
    let audited = await audit(harness.databaseUrl, state);
    await waitFor(
      async () => {
        audited = await audit(harness.databaseUrl, state);
        return audited.writes.every((w) => w.lost === 0) && audited.owedMailKeys.every((key) => received(key) > 0);
      },
      { timeoutMs: 180_000, intervalMs: 2000, description: 'owed payments and mail' },
    ).catch(() => undefined);
    const catchUpSeconds = (Date.now() - loadEnded) / 1000;
    await sleep(3000); // a duplicate email, were one on its way, has time to show
    await readiness.stop();
    const counts = audited.owedMailKeys.map(received);
    const report: ChaosReport = {
      scenario: 'ecommerce',
      phases: ran,
      records: load.records,
      writes: audited.writes,
      mail: {
        owed: counts.length,
        delivered: counts.filter((n) => n > 0).length,
        duplicated: counts.filter((n) => n > 1).length,
        lost: counts.filter((n) => n === 0).length,
      },
      mailCatchUpSeconds: catchUpSeconds,
    };
    const faulted = ran.filter((phase, i) => PHASES[i]?.fault);
    process.stdout.write(`${formatChaosReport(report)}\n\n`);
    process.stdout.write(
      `${formatReadiness(
        'ecommerce',
        faulted.map((phase) => readinessOfPhase(readiness.samples, phase)),
      )}\n`,
    );
    const log = path.join(tmpdir(), 'chaos-ecommerce.log');
    await writeFile(
      log,
      [harness.shop, harness.payments, harness.notifications].map((s) => s.server.output()).join('\n'),
    );
    progress(`chaos run took ${Math.round((Date.now() - started) / 1000)} s; process logs in ${log}`);
    process.exitCode = chaosPassed(report) ? 0 : 1;
  } finally {
    await harness.cleanup();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`chaos run failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
