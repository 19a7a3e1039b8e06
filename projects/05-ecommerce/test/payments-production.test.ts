/**
 * The payments process started as production starts it: it refuses to guess a payment provider, and
 * when told to run the fake one it says so at warn level, naming the variable, before it listens.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { freePort, stopProcess, useHarness } from '@roadmap/testing';
import express from 'express';
import { serverScript, serviceEnvironment, startService } from './support/service-processes.js';

// Real processes start in these tests (tsx compiles each on start).
jest.setTimeout(90_000);

// Nothing is served from the test process itself; the harness gives the isolated services.
const h = useHarness('payments-production', () => ({ app: express() }));

/** The production variables on the test's services (trust authentication ignores the password). */
async function productionEnv(): Promise<Record<string, string>> {
  const { env } = await serviceEnvironment(h.ctx);
  const databaseUrl = new URL(env.DATABASE_URL!);
  databaseUrl.password = 'not-checked-by-the-test-server';
  const { PAYMENT_PROVIDER: _chosen, ...rest } = env;
  return {
    ...rest,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl.toString(),
    MIGRATE_ON_START: 'true',
    STRIPE_WEBHOOK_SECRET: 'whsec_a-secret-of-the-test-only-00000000000000',
  };
}

/** Runs the payments server until it exits on its own; answers its exit code and output. */
function runUntilExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--conditions=@roadmap/source', '--import', 'tsx', serverScript('payments')], {
    cwd: path.dirname(path.dirname(serverScript('payments'))),
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Should it start after all (the rule broken), the test fails on its timeout and this stops it.
  h.ctx.onCleanup(() => stopProcess(child));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe('the payments service in production', () => {
  it('refuses to start without an explicit PAYMENT_PROVIDER, naming it', async () => {
    const { code, output } = await runUntilExit(await productionEnv());

    expect(code).toBe(1);
    expect(output).toMatch(/PAYMENT_PROVIDER: must be set in production/);
  });

  it('runs the fake provider when PAYMENT_PROVIDER=fake is set, and says so at warn before it listens', async () => {
    const payments = await startService(
      h.ctx,
      'payments',
      { ...(await productionEnv()), PAYMENT_PROVIDER: 'fake' },
      await freePort(),
    );

    const lines = payments.server.lines();
    const warning = lines.findIndex((line) => line.level === 40 && line.PAYMENT_PROVIDER === 'fake');
    expect(lines[warning]).toMatchObject({ explicit: true, msg: expect.stringMatching(/no money moves/) });
    expect(warning).toBeLessThan(lines.findIndex((line) => line.msg === 'listening'));
  });
});
