/** The caller's sessions in the OpenAPI document. */
import {
  apiProblemResponses,
  IdParamsSchema,
  jsonResponse,
  type OpenAPIRegistry,
  registerBearerAuth,
} from '@roadmap/core';
import { SessionListSchema } from './session.schemas.js';

export function registerSessionPaths(registry: OpenAPIRegistry, base: string): void {
  const tags = ['auth'];
  const security = registerBearerAuth(registry, 'An ES256 access token from this service.');
  registry.registerPath({
    method: 'get',
    path: base,
    tags,
    security,
    summary: "The caller's active sessions",
    responses: { 200: jsonResponse('Active sessions.', SessionListSchema), ...apiProblemResponses(401) },
  });
  registry.registerPath({
    method: 'delete',
    path: `${base}/{id}`,
    tags,
    security,
    summary: 'Revoke one of the caller’s sessions',
    request: { params: IdParamsSchema },
    responses: { 204: { description: 'Revoked.' }, ...apiProblemResponses(400, 401, 404) },
  });
}
