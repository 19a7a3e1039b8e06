/** The admin stock paths in the OpenAPI document. */
import { jsonBody, jsonResponse, type OpenAPIRegistry, type SecurityRequirement } from '@roadmap/core';
import { errorResponses } from '../../../platform/openapi.js';
import {
  StockAdjustmentInputSchema,
  StockAdjustmentListSchema,
  StockLevelSchema,
  VariantIdParamsSchema,
} from './inventory.schemas.js';

export function registerInventoryPaths(registry: OpenAPIRegistry, base: string, security: SecurityRequirement): void {
  const common = { tags: ['admin: inventory'], security };
  registry.registerPath({
    method: 'get',
    path: `${base}/admin/variants/{id}/stock`,
    ...common,
    summary: 'On hand, reserved and saleable units of a variant',
    request: { params: VariantIdParamsSchema },
    responses: { 200: jsonResponse('The stock level.', StockLevelSchema), ...errorResponses(400, 401, 403, 404) },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/admin/variants/{id}/stock-adjustments`,
    ...common,
    summary: 'Add or remove on-hand units (audited); 409 if fewer would remain than are reserved',
    request: { params: VariantIdParamsSchema, body: jsonBody(StockAdjustmentInputSchema) },
    responses: {
      201: jsonResponse('The new stock level.', StockLevelSchema),
      ...errorResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/admin/variants/{id}/stock-adjustments`,
    ...common,
    summary: 'The audit trail of stock adjustments, newest first',
    request: { params: VariantIdParamsSchema },
    responses: { 200: jsonResponse('Adjustments.', StockAdjustmentListSchema), ...errorResponses(400, 401, 403, 404) },
  });
}
