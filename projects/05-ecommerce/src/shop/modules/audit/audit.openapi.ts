/** The audit path in the OpenAPI document. */
import { jsonResponse, type OpenAPIRegistry, type SecurityRequirement } from '@roadmap/core';
import { errorResponses } from '../../../platform/openapi.js';
import { AuditListQuerySchema, AuditPageSchema } from './audit.schemas.js';

export function registerAuditPaths(registry: OpenAPIRegistry, base: string, security: SecurityRequirement): void {
  registry.registerPath({
    method: 'get',
    path: `${base}/admin/audit`,
    tags: ['admin: audit'],
    security,
    summary: 'Every admin action (product, stock, order and queue changes): who, what, on what, when',
    request: { query: AuditListQuerySchema },
    responses: {
      200: jsonResponse('A page of audit entries, newest first.', AuditPageSchema),
      ...errorResponses(400, 401, 403, 429),
    },
  });
}
