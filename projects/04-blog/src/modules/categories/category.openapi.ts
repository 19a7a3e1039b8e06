/** The category endpoints in the OpenAPI document, built from the schemas that validate them. */
import {
  apiProblemResponses,
  IdParamsSchema,
  jsonBody,
  jsonResponse,
  type OpenAPIRegistry,
  registerBearerAuth,
} from '@roadmap/core';
import { z } from 'zod';
import {
  CategoryDeleteQuerySchema,
  CategoryInputSchema,
  CategoryListSchema,
  CategoryPatchSchema,
  CategorySchema,
} from './category.schemas.js';

export function registerCategoryPaths(registry: OpenAPIRegistry, base: string): void {
  const tags = ['categories'];
  const security = registerBearerAuth(registry);
  registry.registerPath({
    method: 'get',
    path: base,
    tags,
    summary: 'List all categories',
    responses: { 200: jsonResponse('Every category, by slug.', CategoryListSchema), ...apiProblemResponses() },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/{id}`,
    tags,
    summary: 'Get a category',
    request: { params: IdParamsSchema },
    responses: { 200: jsonResponse('The category.', CategorySchema), ...apiProblemResponses(400, 404) },
  });
  registry.registerPath({
    method: 'post',
    path: base,
    tags,
    summary: 'Create a category (admin)',
    security,
    request: { body: jsonBody(CategoryInputSchema) },
    responses: {
      201: jsonResponse('The created category; its slug comes from the name.', CategorySchema),
      ...apiProblemResponses(400, 401, 403, 409, 413),
    },
  });
  registry.registerPath({
    method: 'patch',
    path: `${base}/{id}`,
    tags,
    summary: 'Rename or describe a category (admin); the slug never changes',
    security,
    request: { params: IdParamsSchema, body: jsonBody(CategoryPatchSchema) },
    responses: { 200: jsonResponse('The category.', CategorySchema), ...apiProblemResponses(400, 401, 403, 404, 413) },
  });
  registry.registerPath({
    method: 'delete',
    path: `${base}/{id}`,
    tags,
    summary: 'Delete a category (admin): 409 while posts use it, unless reassignTo moves them',
    security,
    request: { params: IdParamsSchema, query: CategoryDeleteQuerySchema },
    responses: {
      200: jsonResponse(
        'Deleted; how many posts were moved.',
        z.object({ reassigned: z.number().int() }).meta({ id: 'CategoryDeleted' }),
      ),
      ...apiProblemResponses(400, 401, 403, 404, 409, 422),
    },
  });
}
