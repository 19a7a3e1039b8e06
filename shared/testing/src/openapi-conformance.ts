/**
 * Response conformance: every response an app sends in an API test is checked against its generated
 * OpenAPI document (status documented for the path and method, content type listed, JSON body valid
 * against the schema). Violations are collected and `assertConforms()` (the harness runs it after
 * each test) fails the test, so the document and the behaviour cannot drift apart.
 */
import { documentedMethods, pathTemplatePattern, type OpenApiDocument } from '@roadmap/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import express, { type Express, type RequestHandler } from 'express';

interface Found {
  status: number;
  mediaType: string;
  body: Buffer;
}

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

export interface ConformanceChecker {
  /**
   * Checks one response; answers the problems found (empty when it conforms). `allow` is its `Allow`
   * header, which a 405 must carry.
   */
  check(
    method: string,
    path: string,
    status: number,
    contentType: string | undefined,
    body: Buffer,
    allow?: string,
  ): string[];
}

const DOC_ID = 'https://api.test/openapi.json';
const PROBLEM_TYPE = 'application/problem+json';

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function createConformanceChecker(document: OpenApiDocument): ConformanceChecker {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: DOC_ID });
  const templates = Object.keys(document.paths ?? {}).map((template) => ({
    template,
    // Matched as the app's router and its 405 guard match (case, trailing slash).
    regex: pathTemplatePattern(template),
    literalLength: template.replace(/\{[^}/]+\}/g, '').length,
  }));
  // The most literal template wins (`/posts/mine` before `/posts/{id}`).
  templates.sort((a, b) => b.literalLength - a.literalLength);

  function validateJson(where: string, pointer: string, body: Buffer): string[] {
    const validate = ajv.getSchema(`${DOC_ID}#/${pointer}`);
    if (!validate) return [`${where}: no schema at ${pointer}`];
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return [`${where}: body is not JSON`];
    }
    if (validate(parsed)) return [];
    return (validate.errors ?? []).map((e) => `${where}: body${e.instancePath} ${e.message ?? 'is invalid'}`);
  }

  /** What the global 404 handler answers for a route the API does not have. */
  function checkNotFound(where: string, status: number, mediaType: string, body: Buffer, reason: string): string[] {
    if (status !== 404 || mediaType !== PROBLEM_TYPE) return [`${where}: ${reason}`];
    if (!document.components?.schemas?.Problem) return [];
    return validateJson(where, 'components/schemas/Problem', body);
  }

  /**
   * A method the document does not list on a path it lists: 405, `Allow` naming the documented methods
   * of every matching path, and an error body: problem+json, or another error shape the document uses
   * (the RealWorld mount's `{ errors }`).
   */
  function checkNotAllowed(where: string, path: string, found: Found, allow: string | undefined): string[] {
    const { status, mediaType, body } = found;
    if (status !== 405) return [`${where}: method not documented for ${path}, so it must answer 405`];
    const expected = new Set(
      templates.filter((t) => t.regex.test(path)).flatMap((t) => documentedMethods(document, t.template)),
    );
    const sent = new Set((allow ?? '').split(',').map((method) => method.trim().toUpperCase()));
    const problems =
      [...expected].sort().join(',') === [...sent].filter(Boolean).sort().join(',')
        ? []
        : [`${where}: Allow is "${allow ?? ''}", the document lists ${[...expected].join(', ')}`];
    if (mediaType === PROBLEM_TYPE) {
      return document.components?.schemas?.Problem
        ? [...problems, ...validateJson(where, 'components/schemas/Problem', body)]
        : problems;
    }
    const shapes = errorSchemaPointers(mediaType);
    if (shapes.length === 0) return [...problems, `${where}: a 405 in "${mediaType}", which no documented error uses`];
    const results = shapes.map((pointer) => validateJson(where, pointer, body));
    return [...problems, ...(results.find((found) => found.length === 0) ?? (results[0] as string[]))];
  }

  /** The schemas of every documented 4xx answer in `mediaType` (an API's error shapes), each once. */
  function errorSchemaPointers(mediaType: string): string[] {
    const pointers = new Map<string, string>();
    for (const [template, item] of Object.entries(document.paths ?? {})) {
      for (const [method, operation] of Object.entries((item ?? {}) as Record<string, Operation>)) {
        for (const [status, response] of Object.entries(operation?.responses ?? {})) {
          const schema = response.content?.[mediaType]?.schema;
          if (!/^4\d\d$/.test(status) || schema === undefined) continue;
          const key = JSON.stringify(schema);
          if (pointers.has(key)) continue;
          const pointer = ['paths', template, method, 'responses', status, 'content', mediaType, 'schema'];
          pointers.set(key, pointer.map(escapePointer).join('/'));
        }
      }
    }
    return [...pointers.values()];
  }

  return {
    check(method, path, status, contentType, body, allow) {
      const where = `${method} ${path} -> ${status}`;
      const mediaType = (contentType ?? '').split(';')[0]?.trim() ?? '';
      const matches = templates.filter((t) => t.regex.test(path));
      if (matches.length === 0) {
        return checkNotFound(where, status, mediaType, body, 'path not in the OpenAPI document');
      }
      // HEAD is answered by the GET route, without a body.
      const lower = method === 'HEAD' ? 'get' : method.toLowerCase();
      const operationOf = (template: string) =>
        ((document.paths ?? {})[template] as Record<string, Operation> | undefined)?.[lower];
      // The most literal path that documents the method (`/posts/mine` has no PATCH: `/posts/{id}` has).
      const match = matches.find((t) => operationOf(t.template) !== undefined);
      const operation = match && operationOf(match.template);
      if (!match || !operation) return checkNotAllowed(where, path, { status, mediaType, body }, allow);
      const response = operation.responses?.[String(status)];
      if (!response) return [`${where}: status not documented for ${lower} ${match.template}`];
      if (!response.content || method === 'HEAD') {
        return body.length === 0 ? [] : [`${where}: documented without a body, but sent one`];
      }
      const documented = Object.keys(response.content).find(
        (type) => type === mediaType || (type.endsWith('/*') && mediaType.startsWith(type.slice(0, -1))),
      );
      if (!documented) return [`${where}: content type "${mediaType}" not documented`];
      if (!/json/.test(mediaType)) return [];
      const pointer = ['paths', match.template, lower, 'responses', String(status), 'content', documented, 'schema']
        .map(escapePointer)
        .join('/');
      return validateJson(where, pointer, body);
    },
  };
}

/** Captures the bytes a handler writes, and checks them when the response finishes. */
function capture(checker: ConformanceChecker, violations: string[], skip: (method: string, path: string) => boolean) {
  const handler: RequestHandler = (req, res, next) => {
    const path = req.path;
    if (skip(req.method, path)) {
      next();
      return;
    }
    const chunks: Buffer[] = [];
    const originalWrite = res.write.bind(res) as (...args: unknown[]) => boolean;
    const originalEnd = res.end.bind(res) as (...args: unknown[]) => typeof res;
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      if (Buffer.isBuffer(chunk)) chunks.push(chunk);
      else if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, (encoding as BufferEncoding) ?? 'utf8'));
      else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      keep(chunk, typeof rest[0] === 'string' ? rest[0] : undefined);
      return originalWrite(chunk, ...rest);
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      keep(chunk, typeof rest[0] === 'string' ? rest[0] : undefined);
      const type = res.getHeader('content-type');
      const allow = res.getHeader('allow');
      violations.push(
        ...checker.check(
          req.method,
          path,
          res.statusCode,
          typeof type === 'string' ? type : undefined,
          Buffer.concat(chunks),
          typeof allow === 'string' ? allow : undefined,
        ),
      );
      return originalEnd(chunk, ...rest);
    }) as typeof res.end;
    next();
  };
  return handler;
}

export interface Conformance {
  /** Every violation seen since the last assertConforms(). */
  violations: string[];
  /** `inner` behind a front that checks each of its responses against the document (once, however often wrapped). */
  wrap(inner: Express): Express;
  /** Fails the current test if any response so far drifted from the document; then resets. */
  assertConforms(): void;
}

/**
 * The checks of one test file; `violations` may be shared with the checks of another document (a
 * second service in the same test). Swagger UI, `/openapi.json`, CORS preflights (OPTIONS, answered
 * by the CORS middleware for any path) and `ignorePaths` (a web page the app serves) are not API
 * operations, so they are not checked.
 */
export function createConformance(
  document: OpenApiDocument,
  violations: string[] = [],
  ignorePaths?: RegExp,
): Conformance {
  const checker = createConformanceChecker(document);
  const skip = (method: string, path: string) =>
    method === 'OPTIONS' || path.startsWith('/docs') || path === '/openapi.json' || (ignorePaths?.test(path) ?? false);
  const fronts = new WeakMap<Express, Express>();
  const checked = new WeakSet<Express>();
  return {
    violations,
    wrap(inner) {
      // Wrapping twice would check every response twice: a checked app and its inner app give the same front.
      if (checked.has(inner)) return inner;
      const known = fronts.get(inner);
      if (known) return known;
      const app = express();
      // The front must add nothing of its own: the inner app's headers are what tests check.
      app.disable('x-powered-by');
      app.use(capture(checker, violations, skip));
      app.use(inner);
      fronts.set(inner, app);
      checked.add(app);
      return app;
    },
    assertConforms() {
      const found = violations.splice(0, violations.length);
      expect(found).toEqual([]);
    },
  };
}
