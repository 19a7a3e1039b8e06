/**
 * Response conformance: every response the app sends in an API test is checked against the
 * generated OpenAPI document (status documented for the path and method, content type listed, JSON
 * body valid against the schema). Violations are collected and `assertConforms()` (in afterEach)
 * fails the test, so the docs and the behaviour cannot drift apart.
 */
import type { OpenApiDocument } from '@roadmap/core';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import express, { type Express, type RequestHandler } from 'express';

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

export interface ConformanceChecker {
  /** Checks one response; answers the problems found (empty when it conforms). */
  check(method: string, path: string, status: number, contentType: string | undefined, body: Buffer): string[];
}

const DOC_ID = 'https://blog.test/openapi.json';

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function createConformanceChecker(document: OpenApiDocument): ConformanceChecker {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: DOC_ID });
  const templates = Object.keys(document.paths ?? {}).map((template) => ({
    template,
    regex: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}/]+\}/g, '[^/]+')}$`),
    literalLength: template.replace(/\{[^}/]+\}/g, '').length,
  }));
  // The most literal template wins (`/posts/mine` before `/posts/{id}`).
  templates.sort((a, b) => b.literalLength - a.literalLength);

  return {
    check(method, path, status, contentType, body) {
      const where = `${method} ${path} -> ${status}`;
      const match = templates.find((t) => t.regex.test(path));
      if (!match) return [`${where}: path not in the OpenAPI document`];
      const lower = method.toLowerCase();
      const pathItem = (document.paths ?? {})[match.template] as Record<string, Operation> | undefined;
      const operation = pathItem?.[lower];
      if (!operation) return [`${where}: method not documented for ${match.template}`];
      const response = operation.responses?.[String(status)];
      if (!response) return [`${where}: status not documented for ${lower} ${match.template}`];
      if (!response.content) return body.length === 0 ? [] : [`${where}: documented without a body, but sent one`];
      const mediaType = (contentType ?? '').split(';')[0]?.trim() ?? '';
      const documented = Object.keys(response.content).find(
        (type) => type === mediaType || (type.endsWith('/*') && mediaType.startsWith(type.slice(0, -1))),
      );
      if (!documented) return [`${where}: content type "${mediaType}" not documented`];
      if (!/json/.test(mediaType)) return [];
      const pointer = ['paths', match.template, lower, 'responses', String(status), 'content', documented, 'schema']
        .map(escapePointer)
        .join('/');
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
    },
  };
}

/** Captures the bytes a handler writes, and checks them when the response finishes. */
function capture(checker: ConformanceChecker, violations: string[], skip: (path: string) => boolean): RequestHandler {
  return (req, res, next) => {
    const path = req.path;
    if (skip(path)) {
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
      violations.push(
        ...checker.check(
          req.method,
          path,
          res.statusCode,
          typeof type === 'string' ? type : undefined,
          Buffer.concat(chunks),
        ),
      );
      return originalEnd(chunk, ...rest);
    }) as typeof res.end;
    next();
  };
}

export interface ConformingApp {
  app: Express;
  violations: string[];
  /** Fails the current test if any response so far drifted from the document; then resets. */
  assertConforms(): void;
}

/** Wraps `inner` so every response is checked; docs and health pages are skipped. */
export function withConformance(inner: Express, document: OpenApiDocument): ConformingApp {
  const checker = createConformanceChecker(document);
  const violations: string[] = [];
  const app = express();
  app.use(capture(checker, violations, (path) => path.startsWith('/docs') || path === '/openapi.json'));
  app.use(inner);
  return {
    app,
    violations,
    assertConforms() {
      const found = violations.splice(0, violations.length);
      expect(found).toEqual([]);
    },
  };
}
