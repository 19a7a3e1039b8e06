/**
 * The one test harness of every project: it starts the app of one test file on the real services,
 * each under a name of its own (a MongoDB database, a PostgreSQL schema, a Redis key prefix, an SMTP
 * sink, a temporary directory, a whole PostgreSQL database), with a clock the test moves, checks every
 * response against the OpenAPI document, and removes all of it at the end.
 *
 * A project describes how to build its app from a TestContext; `useHarness` registers the hooks:
 *
 *   const h = useHarness('blog-posts', buildBlog, { openApi: createOpenApiDocument() });
 *   it('...', async () => { const res = await request(h.app).get('/api/v1/posts'); ... });
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger, OpenApiDocument } from '@roadmap/core';
import type { Express } from 'express';
import type { Connection } from 'mongoose';
import { createTestClock, type TestClock } from './clock.js';
import { startFaultProxy, targetOf, type FaultProxy } from './fault-proxy.js';
import { isolatedName } from './ids.js';
import { testLogger } from './logger.js';
import { testServices } from './services.js';
import type { TestDatabase } from './mongo.js';
import { createConformance, type Conformance } from './openapi-conformance.js';
import { createTestPgDatabase, type TestPgDatabase } from './pg-database.js';
import { createTestSchema, type TestSchema } from './postgres.js';
import { createTestRedis, type TestRedis } from './redis.js';
import { startSmtpSink, type SmtpSink } from './smtp.js';

/** What a project's builder gets: services started on first use (once each), all removed at cleanup. */
export interface TestContext {
  /** The name given to the harness, e.g. `blog-posts`; resources get unique names derived from it. */
  name: string;
  logger: Logger;
  clock: TestClock;
  /** A MongoDB database of its own; the same one on every call. Only a test that asks loads mongoose. */
  mongo(): Promise<TestDatabase>;
  /**
   * The app's connection to `mongo()`'s database: through the MongoDB fault proxy when `faulted`
   * (closed at cleanup), else the harness's own, which tests use to read state whatever is cut.
   * The faulted one has the app's bounds (about 2 s) unless `timeoutMs` says otherwise.
   */
  mongoConnection(faulted?: boolean, timeoutMs?: number): Promise<Connection>;
  /** A PostgreSQL schema of its own (the pool's search_path points at it). */
  postgres(): Promise<TestSchema>;
  /** A whole PostgreSQL database of its own, for code that owns several schemas. */
  pgDatabase(): Promise<TestPgDatabase>;
  /** A Redis key prefix of its own. */
  redis(): Promise<TestRedis>;
  /** An SMTP server that keeps every message it accepts. */
  smtp(): Promise<SmtpSink>;
  /** An empty temporary directory (e.g. for uploads). */
  tempDir(): Promise<string>;
  /**
   * A fault proxy in front of Redis, MongoDB, PostgreSQL, RabbitMQ or this harness's SMTP sink (the
   * same one per service): connect the app through `proxy.url(...)` (e.g. `proxy.url(pg.url)` keeps a
   * `pgDatabase()`'s name) and the test can cut, blackhole or delay it. Every proxy is restored when
   * cleanup starts, so the app's own closers run against a working service.
   */
  faultProxy(service: ProxiedService): Promise<FaultProxy>;
  /**
   * Where the app should reach Redis, MongoDB, PostgreSQL, RabbitMQ and SMTP (this harness's sink):
   * through a fault proxy for each service named in `faults`, directly otherwise. Starts nothing
   * but the sink and the proxies asked for (a MongoDB project gets its connection from `mongoConnection`).
   */
  endpoints(faults?: Partial<Record<ProxiedService, boolean>>): Promise<Endpoints>;
  /** Runs `step` at cleanup; steps run last-registered first, before the services are removed. */
  onCleanup(step: () => unknown): void;
  /**
   * `app` behind a front that checks every response against the OpenAPI document (when the harness
   * has one). The harness wraps the app the builder returns; a builder whose helpers send requests
   * (or that builds a second instance, a replica) wraps with this first, so those are checked too.
   * A second service of the same test (its own document) passes `openApi`; violations are pooled.
   */
  conform(app: Express, openApi?: OpenApiDocument): Express;
}

export interface HarnessOptions {
  /** The app's OpenAPI document; without one, responses are not checked. */
  openApi?: OpenApiDocument;
  /** Defaults to a silent logger (TEST_LOG_LEVEL=debug shows its lines). */
  logger?: Logger;
  /** Where the test clock starts; defaults to the real time at start. */
  clockStart?: Date;
  /** Paths the app serves that are not API operations (a web page and its assets): not checked. */
  ignorePaths?: RegExp;
}

export type ProxiedService = 'redis' | 'mongo' | 'smtp' | 'postgres' | 'amqp';

export interface Endpoints {
  redisUrl: string;
  mongoUrl: string;
  smtpUrl: string;
  /** The PostgreSQL server (its `postgres` database; a `pgDatabase()` URL goes through `proxies.postgres.url(...)`). */
  databaseUrl: string;
  amqpUrl: string;
  /** The proxies asked for, to cut, blackhole and restore. */
  proxies: Partial<Record<ProxiedService, FaultProxy>>;
}

/** What the builder returned, with `app` wrapped by the conformance check. */
export type Harness<T extends { app: Express }> = T & {
  ctx: TestContext;
  clock: TestClock;
  /** The violations seen since the last assertConforms(). */
  violations: string[];
  /** Fails the current test if a response drifted from the OpenAPI document (useHarness runs it after each test). */
  assertConforms(): void;
  /** Runs the cleanup steps and removes every service the harness started; safe to call twice. */
  cleanup(): Promise<void>;
};

export type AppBuilder<T extends { app: Express }> = (ctx: TestContext) => Promise<T> | T;

function once<T>(start: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined;
  return () => (started ??= start());
}

/** Builds the app on isolated services now; the caller must call `cleanup()`. */
export async function startHarness<T extends { app: Express }>(
  name: string,
  build: AppBuilder<T>,
  options: HarnessOptions = {},
): Promise<Harness<T>> {
  const steps: (() => unknown)[] = [];
  const onCleanup = (step: () => unknown) => {
    steps.push(step);
  };
  /** Starts a service on first use only, and removes it at cleanup. */
  const lazily = <R>(start: () => Promise<R>, remove: (resource: R) => Promise<void>) =>
    once(async () => {
      const resource = await start();
      onCleanup(() => remove(resource));
      return resource;
    });
  const violations: string[] = [];
  const conformances = new Map<OpenApiDocument, Conformance>();
  const conformanceOf = (document: OpenApiDocument | undefined) => {
    if (!document) return undefined;
    if (!conformances.has(document)) {
      conformances.set(document, createConformance(document, violations, options.ignorePaths));
    }
    return conformances.get(document);
  };
  const proxies: FaultProxy[] = [];
  const smtp = lazily(startSmtpSink, (sink) => sink.close());
  // Loaded on first use, so a harness of a PostgreSQL project never loads mongoose.
  const mongo = lazily(
    async () => (await import('./mongo.js')).createTestDatabase(name),
    (db) => db.cleanup(),
  );
  const proxyTo = (target: () => Promise<{ host: string; port: number }>) =>
    lazily(
      async () => {
        const proxy = await startFaultProxy({ target: await target() });
        proxies.push(proxy);
        return proxy;
      },
      (proxy) => proxy.close(),
    );
  const faultProxies: Record<ProxiedService, () => Promise<FaultProxy>> = {
    redis: proxyTo(async () => targetOf(testServices.redisUrl)),
    mongo: proxyTo(async () => targetOf(testServices.mongoUrl)),
    smtp: proxyTo(smtp),
    postgres: proxyTo(async () => targetOf(testServices.databaseUrl)),
    amqp: proxyTo(async () => targetOf(testServices.amqpUrl)),
  };
  const endpoints = async (faults: Partial<Record<ProxiedService, boolean>> = {}): Promise<Endpoints> => {
    const sink = await smtp();
    const proxies: Partial<Record<ProxiedService, FaultProxy>> = {};
    for (const service of ['redis', 'mongo', 'smtp', 'postgres', 'amqp'] as const) {
      if (faults[service]) proxies[service] = await faultProxies[service]();
    }
    return {
      redisUrl: proxies.redis?.url(testServices.redisUrl) ?? testServices.redisUrl,
      mongoUrl: proxies.mongo?.url(testServices.mongoUrl) ?? testServices.mongoUrl,
      smtpUrl: `smtp://${sink.host}:${proxies.smtp?.port ?? sink.port}`,
      databaseUrl: proxies.postgres?.url(testServices.databaseUrl) ?? testServices.databaseUrl,
      amqpUrl: proxies.amqp?.url(testServices.amqpUrl) ?? testServices.amqpUrl,
      proxies,
    };
  };
  const mongoConnection = async (faulted = false, timeoutMs?: number): Promise<Connection> => {
    const db = await mongo();
    if (!faulted) return db.connection;
    const proxy = await faultProxies.mongo();
    const { connectMongo } = await import('@roadmap/core/mongo');
    const proxied = await connectMongo({
      url: proxy.url(testServices.mongoUrl),
      dbName: db.dbName,
      ...(timeoutMs ? { timeoutMs } : {}),
    });
    onCleanup(() => proxied.close());
    return proxied;
  };
  const ctx: TestContext = {
    name,
    logger: options.logger ?? testLogger(name),
    clock: createTestClock(options.clockStart),
    mongo,
    mongoConnection,
    postgres: lazily(
      () => createTestSchema(name),
      (schema) => schema.cleanup(),
    ),
    pgDatabase: lazily(
      () => createTestPgDatabase(name),
      (database) => database.cleanup(),
    ),
    redis: lazily(
      () => createTestRedis(name),
      (redis) => redis.cleanup(),
    ),
    smtp,
    tempDir: lazily(
      () => mkdtemp(path.join(tmpdir(), `${isolatedName(name)}-`)),
      (dir) => rm(dir, { recursive: true, force: true }),
    ),
    faultProxy: (service) => faultProxies[service](),
    endpoints,
    onCleanup,
    conform: (app, openApi) => conformanceOf(openApi ?? options.openApi)?.wrap(app) ?? app,
  };

  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    for (const proxy of proxies) proxy.restore();
    const errors: unknown[] = [];
    // Last registered first: the app's own closers run before the services under them go.
    for (const step of steps.reverse()) {
      try {
        await step();
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, `${name}: ${errors.length} cleanup step(s) failed`);
  };

  let built: T;
  try {
    built = await build(ctx);
  } catch (err) {
    await cleanup().catch(() => undefined);
    throw err;
  }
  return {
    ...built,
    app: ctx.conform(built.app),
    ctx,
    clock: ctx.clock,
    violations,
    assertConforms: () => {
      const found = violations.splice(0, violations.length);
      expect(found).toEqual([]);
    },
    cleanup,
  };
}

/**
 * How long building or cleaning up a harness may take before Jest calls it hung. A guard against a
 * hang, not a measure: a stack that starts an auth service process, the e-commerce services and a
 * browser can take 30 s on a 2-core machine that runs three suites at once.
 */
export const HARNESS_HOOK_TIMEOUT_MS = 120_000;

/**
 * Registers the hooks of an API test file: builds the harness before all tests, checks OpenAPI
 * conformance after each test and cleans up after all. The returned object is filled in by the first
 * hook, so read it inside tests and hooks, not at the top level of the file.
 */
export function useHarness<T extends { app: Express }>(
  name: string,
  build: AppBuilder<T>,
  options: HarnessOptions = {},
): Harness<T> {
  const harness = {} as Harness<T>;
  beforeAll(async () => {
    Object.assign(harness, await startHarness(name, build, options));
  }, HARNESS_HOOK_TIMEOUT_MS);
  afterEach(() => harness.assertConforms?.());
  afterAll(async () => {
    await harness.cleanup?.();
  }, HARNESS_HOOK_TIMEOUT_MS);
  return harness;
}
