/** The theaters endpoints in the OpenAPI document. */
import {
  apiProblemResponses,
  IdParamsSchema,
  jsonBody,
  jsonResponse,
  type OpenAPIRegistry,
  registerBearerAuth,
} from '@roadmap/core';
import {
  ScreenInputSchema,
  ScreenSchema,
  TheaterInputSchema,
  TheaterListQuerySchema,
  TheaterPageSchema,
  TheaterPatchSchema,
  TheaterSchema,
} from './theater.schemas.js';

export function registerTheaterPaths(registry: OpenAPIRegistry, basePath: string): void {
  const tags = ['theaters'];
  const security = registerBearerAuth(registry);
  registry.registerPath({
    method: 'get',
    path: basePath,
    tags,
    summary: 'List theaters, optionally in one city',
    request: { query: TheaterListQuerySchema },
    responses: { 200: jsonResponse('A page of theaters.', TheaterPageSchema), ...apiProblemResponses(400) },
  });
  registry.registerPath({
    method: 'get',
    path: `${basePath}/{id}`,
    tags,
    summary: 'Get a theater with its screens and seat layouts',
    request: { params: IdParamsSchema },
    responses: { 200: jsonResponse('The theater.', TheaterSchema), ...apiProblemResponses(400, 404) },
  });
  registry.registerPath({
    method: 'post',
    path: basePath,
    tags,
    security,
    summary: 'Create a theater, optionally with screens (admin)',
    request: { body: jsonBody(TheaterInputSchema) },
    responses: {
      201: jsonResponse('The created theater.', TheaterSchema),
      ...apiProblemResponses(400, 401, 403, 409, 422),
    },
  });
  registry.registerPath({
    method: 'patch',
    path: `${basePath}/{id}`,
    tags,
    security,
    summary: 'Change a theater name, city or address (admin)',
    request: { params: IdParamsSchema, body: jsonBody(TheaterPatchSchema) },
    responses: {
      200: jsonResponse('The updated theater.', TheaterSchema),
      ...apiProblemResponses(400, 401, 403, 404, 409),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${basePath}/{id}/screens`,
    tags,
    security,
    summary: 'Add a screen with its seat layout (admin)',
    request: { params: IdParamsSchema, body: jsonBody(ScreenInputSchema) },
    responses: {
      201: jsonResponse('The new screen.', ScreenSchema),
      ...apiProblemResponses(400, 401, 403, 404, 409, 422),
    },
  });
}
