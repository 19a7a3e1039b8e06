/**
 * OpenAPI documents generated from the same zod schemas that validate requests, served as
 * `/openapi.json` with Swagger UI at `/docs`.
 */
import {
  extendZodWithOpenApi,
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type ResponseConfig,
} from '@asteasolutions/zod-to-openapi';
import { Router, type NextFunction, type Request, type Response } from 'express';
import swaggerUi from 'swagger-ui-express';
import { z } from 'zod';
import { withNulFreeRequestText } from './openapi-text.js';
import { PROBLEM_CONTENT_TYPE } from './problem.js';
import { publicPrefix } from './public-url.js';

// Adds `.openapi()` to zod schemas; the generator needs it for request parameters.
extendZodWithOpenApi(z);

export { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
export type { RouteConfig, ResponseConfig } from '@asteasolutions/zod-to-openapi';

export const FieldErrorSchema = z.object({ field: z.string(), message: z.string() }).meta({ id: 'FieldError' });

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .catchall(z.unknown())
  .meta({ id: 'Problem', description: 'RFC 9457 problem details.' });

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: malformed JSON, failed validation, text with NUL (\\u0000) or a malformed percent-escape (field errors listed).',
  401: 'Missing, invalid or expired access token.',
  403: 'Authenticated but not allowed.',
  404: 'Not found.',
  405: 'Method not allowed here; the Allow header lists those that are.',
  409: 'Conflicts with the current state of the resource.',
  410: 'No longer available.',
  412: 'Precondition failed.',
  413: 'Request body or upload too large.',
  415: 'Unsupported media type.',
  422: 'Well-formed, but breaks a rule about its fields that the schema cannot state (errors listed).',
  429: 'Rate limit exceeded; see Retry-After.',
  503: 'A dependency is unavailable.',
};

/** Problem responses for the given status codes, to spread into a route's `responses`. */
export function problemResponses(...statuses: number[]): Record<number, ResponseConfig> {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: PROBLEM_DESCRIPTIONS[status] ?? 'Error.',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
      },
    ]),
  );
}

/** A JSON response with the given schema. */
export function jsonResponse(description: string, schema: z.ZodType): ResponseConfig {
  return { description, content: { 'application/json': { schema } } };
}

export function jsonBody(schema: z.ZodType, description?: string) {
  return {
    required: true,
    ...(description ? { description } : {}),
    content: { 'application/json': { schema } },
  };
}

export type SecurityRequirement = Record<string, string[]>[];

/**
 * Where a newcomer gets a token, appended to every bearer scheme's description (Swagger UI shows it in
 * the Authorize dialog). The link is relative, so it works behind the edge, where every docs page
 * shares one origin; on an app's own port the auth service's docs are at http://localhost:3003/docs/.
 */
export function tokenHowTo(): string {
  return (
    'Get one from the auth service: `POST /api/v1/auth/login` in [its API docs](/auth/docs/) ' +
    '(http://localhost:3003/docs/ on its own port) with a demo account, `demo@example.com` / ' +
    '`Demo-password-1` (a customer) or `admin@example.com` / `Admin-password-1` (an admin), and paste ' +
    'its `accessToken` here. Authorize is remembered on every docs page of this origin, across reloads.'
  );
}

/**
 * Registers the Bearer (JWT access token) scheme once and returns the `security` entry that
 * protected routes list. Registering again with the same registry is harmless.
 */
export function registerBearerAuth(
  registry: OpenAPIRegistry,
  description = 'An ES256 access token from the auth service.',
): SecurityRequirement {
  const scheme = registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: `${description} ${tokenHowTo()}`,
  });
  return [{ [scheme.name]: [] }];
}

export function createApiRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.register('Problem', ProblemSchema);
  return registry;
}

/** Registers `/healthz` and `/readyz` so every document lists them. */
export function registerHealthPaths(registry: OpenAPIRegistry): void {
  const status = z.object({ status: z.string() }).catchall(z.unknown());
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    tags: ['health'],
    summary: 'Liveness: the process is up',
    responses: { 200: jsonResponse('Alive.', status) },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    tags: ['health'],
    summary: 'Readiness: every dependency answers and the service is not draining',
    responses: { 200: jsonResponse('Ready.', status), 503: jsonResponse('Not ready.', status) },
  });
}

export interface DocumentInfo {
  title: string;
  version: string;
  description: string;
}

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

export function buildOpenApiDocument(registry: OpenAPIRegistry, info: DocumentInfo): OpenApiDocument {
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { ...info },
  });
  return withNulFreeRequestText(document);
}

/**
 * The document as the caller sees it: behind the edge proxy, which serves the app under a path prefix
 * (a trusted X-Forwarded-Prefix, see public-url.ts), its `servers` name that prefix, so Swagger UI's
 * "Try it out" goes through the proxy as well.
 */
export function documentForRequest(document: OpenApiDocument, req: Request, res: Response): OpenApiDocument {
  const prefix = publicPrefix(req, res);
  return prefix === '' ? document : { ...document, servers: [{ url: prefix }] };
}

/**
 * Authorize is kept in the browser's localStorage (Swagger UI's `persistAuthorization`): it survives a
 * reload, and behind the edge every app's docs share one origin and the scheme name `bearerAuth`, so a
 * token authorized on one docs page is there on the others.
 */
const SWAGGER_UI_OPTIONS = { persistAuthorization: true };

/**
 * `/openapi.json` and Swagger UI at `/docs/`. Swagger UI's page loads its assets by relative URLs,
 * so `/docs` redirects to `docs/` (relative too): both keep working under a proxy's path prefix.
 */
export function docsRoutes(document: OpenApiDocument): Router {
  const router = Router();
  router.get('/openapi.json', (req, res) => {
    res.json(documentForRequest(document, req, res));
  });
  router.get('/docs', (req, res, next) => {
    if (req.path !== '/docs') return next();
    const query = req.originalUrl.indexOf('?');
    res.redirect(301, `docs/${query === -1 ? '' : req.originalUrl.slice(query)}`);
  });
  router.use(
    '/docs',
    (req: Request & { swaggerDoc?: OpenApiDocument }, res: Response, next: NextFunction) => {
      // swagger-ui-express builds swagger-ui-init.js from req.swaggerDoc when it is set.
      req.swaggerDoc = documentForRequest(document, req, res);
      next();
    },
    swaggerUi.serveFiles(document, { swaggerOptions: SWAGGER_UI_OPTIONS }),
    swaggerUi.setup(document, { customSiteTitle: document.info.title, swaggerOptions: SWAGGER_UI_OPTIONS }),
  );
  return router;
}

/**
 * The problem responses of an API route: the given statuses, plus the 503 (with Retry-After) that the
 * shared error handler answers on any route when the database or Redis is lost.
 */
export function apiProblemResponses(...statuses: number[]): Record<number, ResponseConfig> {
  return problemResponses(...statuses, 503);
}
