/**
 * OpenAPI conformance of real responses: every JSON answer the app gives during a test is validated
 * against the generated document by express-openapi-validator (responses only; requests reach the app
 * untouched so its own 400s are what is tested), and a status the document does not list for the
 * path is a violation too. `assertConforms()` (afterEach) fails the test on any violation.
 */
import type { OpenApiDocument } from '@roadmap/core';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';

export interface ConformingApp {
  app: Express;
  assertConforms(): void;
}

type Operations = Record<string, Record<string, { responses?: Record<string, unknown> }>>;

function templateOf(document: OpenApiDocument, path: string): string | undefined {
  const templates = Object.keys(document.paths ?? {}).sort(
    (a, b) => b.replace(/\{[^}]+\}/g, '').length - a.replace(/\{[^}]+\}/g, '').length,
  );
  return templates.find((t) => new RegExp(`^${t.replace(/\{[^}/]+\}/g, '[^/]+')}$`).test(path));
}

/** Checks the status of every response against the statuses the document lists for its operation. */
function documentedStatus(document: OpenApiDocument, violations: string[]): RequestHandler {
  return (req, res, next) => {
    const path = req.path;
    const method = req.method;
    res.on('finish', () => {
      if (path.startsWith('/docs') || path === '/openapi.json') return;
      const template = templateOf(document, path);
      const operation = template ? (document.paths as Operations)[template]?.[method.toLowerCase()] : undefined;
      if (!operation) {
        if (res.statusCode !== 404) violations.push(`${method} ${path}: not in the OpenAPI document`);
        return;
      }
      if (!operation.responses?.[String(res.statusCode)]) {
        violations.push(`${method} ${path} -> ${res.statusCode}: status not documented`);
      }
    });
    next();
  };
}

/**
 * The validator checks bodies sent with res.json; a handler that sends JSON text it already has (the
 * catalog cache) is routed through res.json here, so those bodies are checked too.
 */
const jsonTextThroughJson: RequestHandler = (_req, res, next) => {
  const send = res.send.bind(res);
  let inJson = false;
  res.send = ((body: unknown) => {
    const type = String(res.get('Content-Type') ?? '');
    if (!inJson && typeof body === 'string' && type.startsWith('application/json')) {
      inJson = true;
      return res.json(JSON.parse(body));
    }
    return send(body);
  }) as typeof res.send;
  next();
};

export function withConformance(inner: Express, document: OpenApiDocument): ConformingApp {
  const violations: string[] = [];
  const app = express();
  app.use(documentedStatus(document, violations));
  app.use(jsonTextThroughJson);
  app.use(
    OpenApiValidator.middleware({
      apiSpec: document as unknown as string,
      validateRequests: false,
      validateResponses: {
        onError: (err, _body, req) => violations.push(`${req.method} ${req.path}: ${err.message}`),
      },
      ignoreUndocumented: true,
      ignorePaths: /^\/(docs|openapi\.json)/,
      validateSecurity: false,
      validateFormats: false,
    }),
  );
  app.use(inner);
  const recordRouteError: ErrorRequestHandler = (err: Error, req, _res, next) => {
    violations.push(`${req.method} ${req.path}: validator error ${err.message}`);
    next(err);
  };
  app.use(recordRouteError);
  return {
    app,
    assertConforms() {
      const found = violations.splice(0, violations.length);
      expect(found).toEqual([]);
    },
  };
}
