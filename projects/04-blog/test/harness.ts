/**
 * One isolated blog per test file: its own MongoDB database, Redis prefix (Bull queue), SMTP sink,
 * upload directory and token issuer. `cleanup()` closes and removes all of it; `useHarness` wires
 * the create / check-conformance / clean-up hooks that every API test file needs.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestIssuer, type TestIssuer } from '@roadmap/auth';
import {
  createConformance,
  createTestDatabase,
  createTestRedis,
  startSmtpSink,
  testLogger,
  testServices,
  type SmtpSink,
} from '@roadmap/testing';
import type { Logger } from '@roadmap/core';
import type { Express } from 'express';
import { createApp } from '../src/app.js';
import { createModels, ensureIndexes, type BlogModels } from '../src/models.js';
import { MailQueue } from '../src/modules/notifications/comment-notifier.js';
import { createOpenApiDocument } from '../src/openapi.js';

/** The blog app on its own isolated services, unwrapped (the benchmark measures this one). */
export interface BlogStack {
  app: Express;
  smtp: SmtpSink;
  mail: MailQueue;
  models: BlogModels;
  issuer: TestIssuer;
  /** Files currently in the upload directory. */
  uploadedFiles(): Promise<string[]>;
  cleanup(): Promise<void>;
}

/** The stack with every response checked against the OpenAPI document. */
export type Harness = BlogStack & { violations: string[]; assertConforms(): void };

export interface HarnessOptions {
  maxUploadBytes?: number;
  mailAttempts?: number;
  mailBackoffMs?: number;
  /** Send the emails to this SMTP server instead of the sink (e.g. one that never answers). */
  smtpUrl?: string;
  /** Defaults to the silent test logger. */
  logger?: Logger;
}

export async function createBlogStack(name: string, options: HarnessOptions = {}): Promise<BlogStack> {
  const logger = options.logger ?? testLogger(name);
  const db = await createTestDatabase(name);
  const redis = await createTestRedis(name);
  const smtp = await startSmtpSink();
  const uploadDir = await mkdtemp(path.join(tmpdir(), `blog-${name}-`));
  const models = createModels(db.connection);
  await ensureIndexes(models);
  const mail = new MailQueue({
    redisUrl: testServices.redisUrl,
    prefix: redis.prefix.replace(/:$/, ''),
    smtpUrl: options.smtpUrl ?? `smtp://${smtp.host}:${smtp.port}`,
    from: 'Blog <no-reply@blog.test>',
    attempts: options.mailAttempts ?? 4,
    backoffMs: options.mailBackoffMs ?? 50,
    logger,
    worker: true,
  });
  const issuer = createTestIssuer();
  const app = createApp({
    logger,
    connection: db.connection,
    models,
    verifier: issuer.verifier,
    notifier: mail,
    uploadDir,
    maxUploadBytes: options.maxUploadBytes ?? 200_000,
    publicUrl: 'http://blog.test',
    readinessChecks: { redis: () => redis.redis.ping() },
  });
  return {
    app,
    smtp,
    mail,
    models,
    issuer,
    uploadedFiles: () => readdir(uploadDir),
    async cleanup() {
      await mail.close();
      await smtp.close();
      await redis.cleanup();
      await db.cleanup();
      await rm(uploadDir, { recursive: true, force: true });
    },
  };
}

export async function createHarness(name: string, options: HarnessOptions = {}): Promise<Harness> {
  const stack = await createBlogStack(name, options);
  const conformance = createConformance(createOpenApiDocument());
  return {
    ...stack,
    app: conformance.wrap(stack.app),
    violations: conformance.violations,
    assertConforms: () => conformance.assertConforms(),
  };
}

/**
 * Registers the hooks of an API test file: builds the harness before all tests (`options` may be a
 * function, for values known only then), checks OpenAPI conformance after each test and cleans up
 * after all. The returned object is filled in by the first hook, so read it inside tests and hooks.
 */
export function useHarness(name: string, options: HarnessOptions | (() => HarnessOptions) = {}): Harness {
  const harness = {} as Harness;
  beforeAll(async () => {
    Object.assign(harness, await createHarness(name, typeof options === 'function' ? options() : options));
  });
  afterEach(() => harness.assertConforms());
  afterAll(async () => {
    await harness.cleanup();
  });
  return harness;
}
