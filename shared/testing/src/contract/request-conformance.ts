/**
 * Request-side conformance: for each operation of the OpenAPI document, requests the document calls
 * valid must not be refused as invalid (400, nor a 5xx), and requests it calls invalid must be (400).
 * Requests are drawn with fast-check from the document's schemas (a fixed seed, a few per operation)
 * and sent to the app in-process; a failure names the request and the answer, shrunk to a small case.
 *
 * A valid request may still be refused by state (an unknown id is a 404, a taken name a 409): only
 * the refusal as invalid is the signal.
 */
import { pathTemplatePattern, type OpenApiDocument } from '@roadmap/core';
import fc from 'fast-check';
import type { RequestListener } from 'node:http';
import request from 'supertest';
import { listen, type ListeningApp } from '../listen.js';
import { canBeInvalid, invalidRequests, validRequests, type GeneratedRequest } from './generated-request.js';
import { readOperations, type OperationSpec } from './operations.js';

export interface ConformanceAnswer {
  status: number;
  body: unknown;
}

export interface RequestConformanceTarget {
  /** The app under test: the harness's app, so every answer is also checked against the document. */
  app: RequestListener;
  /**
   * Headers that authenticate a call to an operation that lists security (e.g. an admin token the
   * harness issued); called for operations where authentication is optional too (`operation.secured`
   * says which must have it), where answering `{}` keeps the call anonymous.
   */
  authorize?(operation: OperationSpec): Record<string, string> | Promise<Record<string, string>>;
  /** Whether an answer refuses the request as invalid; by default a 400. */
  refusesAsInvalid?(answer: ConformanceAnswer): boolean;
  /** Last changes to a request before it is sent, such as a signature over its body. */
  prepare?(request: GeneratedRequest, operation: OperationSpec): GeneratedRequest | Promise<GeneratedRequest>;
}

export interface RequestConformanceOptions {
  /** Names the describe block, for a file that checks two services. */
  name?: string;
  /** Which operations to exercise; all by default. */
  include?(operation: OperationSpec): boolean;
  /** Valid and invalid requests per operation (each); REQUEST_CONFORMANCE_RUNS overrides it. */
  runs?: number;
  /** REQUEST_CONFORMANCE_SEED overrides it, to look further than the fixed seed does. */
  seed?: number;
}

const DEFAULT_RUNS = 6;
const DEFAULT_SEED = 20_261_207;

function fromEnvironment(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function truncate(text: string, max = 600): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

function show(generated: GeneratedRequest): string {
  const query = generated.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  const parts = [`${generated.method.toUpperCase()} ${generated.path}${query ? `?${query}` : ''}`];
  if (Object.keys(generated.headers).length > 0) parts.push(`headers ${JSON.stringify(generated.headers)}`);
  if (generated.cookies.length > 0) parts.push(`cookies ${JSON.stringify(generated.cookies)}`);
  if ('body' in generated) parts.push(`body ${truncate(JSON.stringify(generated.body) ?? 'undefined', 400)}`);
  return parts.join(' ');
}

/** The most literal path of the document that a concrete path reaches, as the router would pick it. */
function routedTemplate(document: OpenApiDocument, method: string, path: string): string | undefined {
  const templates = Object.keys(document.paths ?? {})
    .filter((template) => {
      const item = (document.paths ?? {})[template] as Record<string, unknown> | undefined;
      return item?.[method] !== undefined && pathTemplatePattern(template).test(path);
    })
    .sort((a, b) => b.replace(/\{[^}]+\}/g, '').length - a.replace(/\{[^}]+\}/g, '').length);
  return templates[0];
}

async function send(
  base: string,
  generated: GeneratedRequest,
  headers: Record<string, string>,
): Promise<ConformanceAnswer> {
  const query = generated.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  const url = `${generated.path}${query ? `?${query}` : ''}`;
  const agent = request(base);
  const method = generated.method as 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options' | 'trace';
  let pending = agent[method](url);
  const all = { ...headers, ...generated.headers };
  const cookies = generated.cookies.map(([name, value]) => `${name}=${value}`);
  if (cookies.length > 0) all.Cookie = [all.Cookie, ...cookies].filter(Boolean).join('; ');
  for (const [name, value] of Object.entries(all)) pending = pending.set(name, value);
  if ('body' in generated) {
    pending = pending.set('Content-Type', 'application/json').send(JSON.stringify(generated.body) ?? '');
  }
  const response = await pending;
  const body: unknown =
    response.body !== undefined && Object.keys(response.body as object).length > 0 ? response.body : response.text;
  return { status: response.status, body };
}

export interface RequestConformance {
  /** The operations selected, in document order. */
  operations: OperationSpec[];
  /** Valid and invalid requests per operation, each. */
  runs: number;
  /**
   * Sends generated requests for `operation` to the app served at `baseUrl`, and answers the
   * disagreements found: each names the request (shrunk) and the answer.
   */
  check(operation: OperationSpec, target: RequestConformanceTarget, baseUrl: string): Promise<string[]>;
}

export function requestConformance(
  document: OpenApiDocument,
  options: RequestConformanceOptions = {},
): RequestConformance {
  const { operations, resolve } = readOperations(document);
  const runs = fromEnvironment('REQUEST_CONFORMANCE_RUNS', options.runs ?? DEFAULT_RUNS);
  const seed = fromEnvironment('REQUEST_CONFORMANCE_SEED', options.seed ?? DEFAULT_SEED);
  const selected = operations.filter((operation) => options.include?.(operation) ?? true);

  async function check(operation: OperationSpec, target: RequestConformanceTarget, base: string): Promise<string[]> {
    const { authorize, prepare, refusesAsInvalid = (answer) => answer.status === 400 } = target;
    const exchange = async (generated: GeneratedRequest) => {
      const ready = prepare ? await prepare(generated, operation) : generated;
      const headers = operation.authenticates && authorize ? await authorize(operation) : {};
      return { ready, answer: await send(base, ready, headers) };
    };
    const routesHere = (generated: GeneratedRequest) =>
      routedTemplate(document, operation.method, generated.path) === operation.template;
    const failures: string[] = [];
    const operationSeed = seed + operations.indexOf(operation);
    const run = async <T>(kind: string, arbitrary: fc.Arbitrary<T>, property: (value: T) => Promise<void>) => {
      const details = await fc.check(fc.asyncProperty(arbitrary, property), { seed: operationSeed, numRuns: runs });
      if (!details.failed) return;
      if (details.errorInstance instanceof Error) failures.push(`${kind}: ${details.errorInstance.message}`);
      else failures.push(`${kind}: could not build ${runs} such requests (${details.numSkips} drafts refused)`);
    };

    await run('a valid request', validRequests(operation, resolve), async ({ request: generated, accepted }) => {
      fc.pre(accepted && routesHere(generated));
      const { ready, answer } = await exchange(generated);
      if (refusesAsInvalid(answer) || answer.status >= 500) {
        throw new Error(`${show(ready)}\n  answered ${answer.status} ${truncate(JSON.stringify(answer.body) ?? '')}`);
      }
    });
    if (canBeInvalid(operation, resolve)) {
      await run('an invalid request', invalidRequests(operation, resolve), async (drawn) => {
        fc.pre(drawn.from && !drawn.accepted && routesHere(drawn.request));
        const { ready, answer } = await exchange(drawn.request);
        if (!refusesAsInvalid(answer)) {
          throw new Error(
            `${show(ready)}\n  (${drawn.request.broken ?? 'invalid'}) answered ${answer.status} ` +
              truncate(JSON.stringify(answer.body) ?? ''),
          );
        }
      });
    }
    return failures;
  }

  return { operations: selected, runs, check };
}

const PROBED_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Each path of the selected operations, with the methods the document does not list on it. */
function undocumentedMethods(document: OpenApiDocument, operations: OperationSpec[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const template of new Set(operations.map((operation) => operation.template))) {
    const item = (document.paths ?? {})[template] as Record<string, unknown> | undefined;
    const missing = PROBED_METHODS.filter((method) => item?.[method] === undefined);
    if (missing.length > 0) out.set(template, missing);
  }
  return out;
}

/**
 * Registers one test per operation of `document` (in a describe block), run against the app served
 * on a loopback port; `target()` is read in the tests, once the harness has built the app.
 */
export function describeRequestConformance(
  document: OpenApiDocument,
  target: () => RequestConformanceTarget,
  options: RequestConformanceOptions = {},
): void {
  const conformance = requestConformance(document, options);
  const title = 'requests: refused as invalid exactly when the document calls them invalid';
  describe(options.name ? `${options.name} ${title}` : title, () => {
    let server: ListeningApp | undefined;
    beforeAll(async () => {
      server = await listen(target().app);
    });
    afterAll(async () => {
      await server?.close();
    });
    it('answers 405 with Allow, before authentication, for a method the document does not list on a path', async () => {
      const wrong: string[] = [];
      for (const [template, methods] of undocumentedMethods(document, conformance.operations)) {
        const path = template.replace(/\{[^}]+\}/g, 'x');
        const answer = await request((server as ListeningApp).url)[methods[0] as 'get'](path);
        if (answer.status !== 405 || !answer.headers.allow) wrong.push(`${methods[0]} ${path}: ${answer.status}`);
      }
      expect(wrong).toEqual([]);
    });
    for (const operation of conformance.operations) {
      if (operation.otherBody) {
        it.skip(`${operation.name} (a ${operation.otherBody} body: not generated)`, () => undefined);
        continue;
      }
      // A deeper run (REQUEST_CONFORMANCE_RUNS) sends more requests: its time grows with them.
      it(
        operation.name,
        async () => {
          expect(await conformance.check(operation, target(), (server as ListeningApp).url)).toEqual([]);
        },
        Math.max(30_000, conformance.runs * 4_000),
      );
    }
  });
}
