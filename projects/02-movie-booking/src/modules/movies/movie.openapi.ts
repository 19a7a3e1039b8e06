/** The movies endpoints in the OpenAPI document. */
import {
  apiProblemResponses,
  IdParamsSchema,
  jsonBody,
  jsonResponse,
  type OpenAPIRegistry,
  registerBearerAuth,
} from '@roadmap/core';
import {
  MovieInputSchema,
  MovieListQuerySchema,
  MoviePageSchema,
  MoviePatchSchema,
  MovieSchema,
} from './movie.schemas.js';

export function registerMoviePaths(registry: OpenAPIRegistry, basePath: string): void {
  const tags = ['movies'];
  const security = registerBearerAuth(registry);
  registry.registerPath({
    method: 'get',
    path: basePath,
    tags,
    summary: 'Browse movies: title search, genre/language/status filters, pages',
    request: { query: MovieListQuerySchema },
    responses: { 200: jsonResponse('A page of movies.', MoviePageSchema), ...apiProblemResponses(400) },
  });
  registry.registerPath({
    method: 'get',
    path: `${basePath}/{id}`,
    tags,
    summary: 'Get a movie',
    request: { params: IdParamsSchema },
    responses: { 200: jsonResponse('The movie.', MovieSchema), ...apiProblemResponses(400, 404) },
  });
  registry.registerPath({
    method: 'post',
    path: basePath,
    tags,
    security,
    summary: 'Create a movie (admin)',
    request: { body: jsonBody(MovieInputSchema) },
    responses: { 201: jsonResponse('The created movie.', MovieSchema), ...apiProblemResponses(400, 401, 403, 409) },
  });
  registry.registerPath({
    method: 'patch',
    path: `${basePath}/{id}`,
    tags,
    security,
    summary: 'Change a movie, e.g. its status (admin)',
    request: { params: IdParamsSchema, body: jsonBody(MoviePatchSchema) },
    responses: {
      200: jsonResponse('The updated movie.', MovieSchema),
      ...apiProblemResponses(400, 401, 403, 404, 409),
    },
  });
}
