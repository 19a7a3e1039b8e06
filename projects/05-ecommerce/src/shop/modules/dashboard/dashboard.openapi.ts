/** The dashboard's one API path in the OpenAPI document (the page itself is not an API). */
import { jsonResponse, type OpenAPIRegistry, type SecurityRequirement } from '@roadmap/core';
import { z } from 'zod';
import { errorResponses } from '../../../platform/openapi.js';

export function registerDashboardPaths(registry: OpenAPIRegistry, base: string, security: SecurityRequirement): void {
  registry.registerPath({
    method: 'post',
    path: `${base}/admin/queues/session`,
    tags: ['admin: queues'],
    security,
    summary: 'Trade the admin bearer token for a 15-minute httpOnly cookie that opens bull-board at /admin/queues/',
    responses: {
      201: jsonResponse(
        'The cookie is set (Path=/admin/queues); open the board.',
        z.object({ url: z.string(), expiresAt: z.string() }).meta({ id: 'QueuesSession' }),
      ),
      ...errorResponses(401, 403, 429),
    },
  });
}
