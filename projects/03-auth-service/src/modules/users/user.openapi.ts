/** The admin endpoints in the OpenAPI document. */
import {
  apiProblemResponses,
  IdParamsSchema,
  jsonBody,
  jsonResponse,
  type OpenAPIRegistry,
  registerBearerAuth,
} from '@roadmap/core';
import { AuditListQuerySchema, AuditPageSchema } from '../audit/index.js';
import { RoleChangeBodySchema, UserEnvelopeSchema, UserListQuerySchema, UserPageSchema } from './user.schemas.js';

export function registerAdminPaths(registry: OpenAPIRegistry, base: string): void {
  const tags = ['admin'];
  const security = registerBearerAuth(registry, 'An ES256 access token from this service.');
  const denied = apiProblemResponses(400, 401, 403);
  registry.registerPath({
    method: 'get',
    path: `${base}/users`,
    tags,
    security,
    summary: 'List users: search by email or name, filter by role, sort, page',
    request: { query: UserListQuerySchema },
    responses: { 200: jsonResponse('A page of users.', UserPageSchema), ...denied },
  });
  registry.registerPath({
    method: 'patch',
    path: `${base}/users/{id}/role`,
    tags,
    security,
    summary:
      "Change a user's role (audited). Needs a second factor proven within MFA_STEP_UP_MAX_AGE_SECONDS (10 minutes): " +
      'otherwise 401 insufficient_user_authentication with WWW-Authenticate max_age (RFC 9470); step up and retry',
    request: { params: IdParamsSchema, body: jsonBody(RoleChangeBodySchema) },
    responses: { 200: jsonResponse('The user.', UserEnvelopeSchema), ...denied, ...apiProblemResponses(404, 409, 413) },
  });
  for (const action of ['disable', 'enable'] as const) {
    registry.registerPath({
      method: 'post',
      path: `${base}/users/{id}/${action}`,
      tags,
      security,
      summary:
        action === 'disable' ? 'Disable a user: revokes their sessions, refresh stops working' : 'Enable a user again',
      request: { params: IdParamsSchema },
      responses: { 200: jsonResponse('The user.', UserEnvelopeSchema), ...denied, ...apiProblemResponses(404, 409) },
    });
  }
  registry.registerPath({
    method: 'get',
    path: `${base}/audit-events`,
    tags,
    security,
    summary: 'Security events, newest first',
    request: { query: AuditListQuerySchema },
    responses: { 200: jsonResponse('A page of audit events.', AuditPageSchema), ...denied },
  });
}
