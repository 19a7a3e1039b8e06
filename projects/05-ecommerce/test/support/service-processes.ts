/**
 * The three e-commerce processes as in production: each `src/<service>/server.ts` run as a child
 * process (real signals, a real exit) on the test's own PostgreSQL database, Redis prefix, exchange
 * and queue names on the shared RabbitMQ, and SMTP sink, with PostgreSQL and RabbitMQ reached
 * through the harness's fault proxies when asked. Stopped and removed at the test's clean-up.
 */
import path from 'node:path';
import { createTestIssuer, TEST_AUDIENCE, TEST_ISSUER, type TestIssuer } from '@roadmap/auth/testing';
import {
  freePort,
  isolatedName,
  startServerProcess,
  stopProcess,
  testServices,
  useHarness,
  type ChildServer,
  type FaultProxy,
  type Harness,
  type SmtpSink,
  type TestContext,
} from '@roadmap/testing';
import { connect } from 'amqplib';
import express, { type Express } from 'express';
import { deleteTopology } from '../../src/platform/messaging/topology.js';

export type ServiceName = 'shop' | 'payments' | 'notifications';

export interface ServiceProcess {
  server: ChildServer;
  url: string;
}

export interface ServiceProcesses {
  shop: ServiceProcess;
  payments: ServiceProcess;
  notifications: ServiceProcess;
  issuer: TestIssuer;
  smtp: SmtpSink;
  /** The database the processes use, reached directly (never through a proxy): read state with it. */
  databaseUrl: string;
  /** The proxies asked for, to cut, blackhole and restore. */
  proxies: { postgres?: FaultProxy; amqp?: FaultProxy; redis?: FaultProxy };
  /** The Redis key prefix of every process (`REDIS_PREFIX`), with its trailing colon. */
  redisPrefix: string;
}

export interface ServiceProcessOptions {
  /** Dependencies to reach through a fault proxy. */
  faults?: { postgres?: boolean; amqp?: boolean; redis?: boolean };
  /** More variables for every process (timeouts, TTLs...). */
  env?: Record<string, string>;
}

const SRC = path.resolve(__dirname, '../../src');

export interface ServiceEnvironment {
  /** Every process's variables: the test's database, Redis prefix, exchange, SMTP sink and token issuer. */
  env: Record<string, string>;
  issuer: TestIssuer;
  smtp: SmtpSink;
  databaseUrl: string;
  proxies: ServiceProcesses['proxies'];
  redisPrefix: string;
}

/** The isolated services of the test and the variables that point the processes at them. */
export async function serviceEnvironment(
  ctx: TestContext,
  options: ServiceProcessOptions = {},
): Promise<ServiceEnvironment> {
  const { faults = {} } = options;
  const pg = await ctx.pgDatabase();
  const redis = await ctx.redis();
  const smtp = await ctx.smtp();
  const proxies = {
    ...(faults.postgres ? { postgres: await ctx.faultProxy('postgres') } : {}),
    ...(faults.amqp ? { amqp: await ctx.faultProxy('amqp') } : {}),
    ...(faults.redis ? { redis: await ctx.faultProxy('redis') } : {}),
  };
  const exchange = `${isolatedName(ctx.name)}.ecommerce.events`;
  const queuePrefix = `${exchange}.`;
  ctx.onCleanup(async () => {
    const connection = await connect(testServices.amqpUrl);
    await deleteTopology(await connection.createChannel(), { exchange, queuePrefix });
    await connection.close();
  });
  const issuer = createTestIssuer({ ttlSeconds: 3600 });
  const env: Record<string, string> = {
    DATABASE_URL: proxies.postgres?.url(pg.url) ?? pg.url,
    REDIS_URL: proxies.redis?.url(testServices.redisUrl) ?? testServices.redisUrl,
    REDIS_PREFIX: redis.prefix.replace(/:$/, ''),
    AMQP_URL: proxies.amqp?.url(testServices.amqpUrl) ?? testServices.amqpUrl,
    AMQP_EXCHANGE: exchange,
    AMQP_QUEUE_PREFIX: queuePrefix,
    AUTH_PUBLIC_KEY: issuer.key.publicKeyPem,
    AUTH_ISSUER: TEST_ISSUER,
    AUTH_AUDIENCE: TEST_AUDIENCE,
    SMTP_URL: `smtp://${smtp.host}:${smtp.port}`,
    PAYMENT_PROVIDER: 'fake',
    OUTBOX_POLL_MS: '100',
    JOB_BACKOFF_MS: '200',
    MAIL_RETRY_BASE_DELAY_MS: '200',
    MAIL_SWEEP_SECONDS: '2',
    ...options.env,
  };
  return { env, issuer, smtp, databaseUrl: pg.url, proxies, redisPrefix: redis.prefix };
}

/** `src/<service>/server.ts` listening on `port` with `env`, stopped at clean-up. */
export async function startService(
  ctx: TestContext,
  service: ServiceName,
  env: Record<string, string>,
  port: number,
): Promise<ServiceProcess> {
  const server = await startServerProcess(serverScript(service), { ...env, PORT: String(port) });
  ctx.onCleanup(() => stopProcess(server.child));
  return { server, url: `http://127.0.0.1:${port}` };
}

export function serverScript(service: ServiceName): string {
  return path.join(SRC, service, 'server.ts');
}

export async function startServiceProcesses(
  ctx: TestContext,
  options: ServiceProcessOptions = {},
): Promise<ServiceProcesses> {
  const { env, ...environment } = await serviceEnvironment(ctx, options);
  const [shopPort, paymentsPort, notificationsPort] = [await freePort(), await freePort(), await freePort()];
  const all = { ...env, PAYMENTS_PUBLIC_URL: `http://127.0.0.1:${paymentsPort}` };
  // The shop first: it migrates its schema, and the others' migrations then run beside a warm server.
  const shop = await startService(ctx, 'shop', all, shopPort);
  const [payments, notifications] = await Promise.all([
    startService(ctx, 'payments', all, paymentsPort),
    startService(ctx, 'notifications', all, notificationsPort),
  ]);
  return { shop, payments, notifications, ...environment };
}

/** Whether the process is still running (no exit, no fatal signal). */
export function isRunning(service: ServiceProcess): boolean {
  return service.server.child.exitCode === null && service.server.child.signalCode === null;
}

/** Log lines of a process that report an uncaught exception or unhandled rejection. */
export function fatalLines(service: ServiceProcess): Record<string, unknown>[] {
  return service.server
    .lines()
    .filter((line) => line.event === 'uncaughtException' || line.event === 'unhandledRejection');
}

export type ServiceProcessesHarness = Harness<ServiceProcesses & { app: Express }>;

/**
 * Registers the hooks of a test file whose subjects are the real processes: started before its
 * tests on the harness's isolated services, stopped and removed after them.
 */
export function useServiceProcesses(name: string, options: ServiceProcessOptions = {}): ServiceProcessesHarness {
  // Nothing is served from the test process itself; the harness wants an app, so it gets an empty one.
  return useHarness(name, async (ctx) => ({ app: express(), ...(await startServiceProcesses(ctx, options)) }));
}
