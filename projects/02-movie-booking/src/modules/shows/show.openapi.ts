/** The shows endpoints in the OpenAPI document. */
import {
  apiProblemResponses,
  IdParamsSchema,
  jsonBody,
  jsonResponse,
  type OpenAPIRegistry,
  registerBearerAuth,
} from '@roadmap/core';
import {
  SeatListSchema,
  SeatMapSchema,
  SeatParamsSchema,
  ShowInputSchema,
  ShowListQuerySchema,
  ShowPageSchema,
  ShowReportSchema,
  ShowSchema,
} from './show.schemas.js';

export function registerShowPaths(registry: OpenAPIRegistry, basePath: string): void {
  const tags = ['shows'];
  const security = registerBearerAuth(registry);
  registry.registerPath({
    method: 'get',
    path: basePath,
    tags,
    summary: 'List the shows that have not started yet, by movie, city and date',
    request: { query: ShowListQuerySchema },
    responses: { 200: jsonResponse('A page of shows.', ShowPageSchema), ...apiProblemResponses(400) },
  });
  registry.registerPath({
    method: 'get',
    path: `${basePath}/{id}`,
    tags,
    summary: 'Get a show',
    request: { params: IdParamsSchema },
    responses: { 200: jsonResponse('The show.', ShowSchema), ...apiProblemResponses(400, 404) },
  });
  registry.registerPath({
    method: 'get',
    path: `${basePath}/{id}/seats`,
    tags,
    summary: "A show's seat map: each seat available, held, booked or blocked",
    request: { params: IdParamsSchema },
    responses: { 200: jsonResponse('The seat map.', SeatMapSchema), ...apiProblemResponses(400, 404) },
  });
  registry.registerPath({
    method: 'post',
    path: basePath,
    tags,
    security,
    summary: 'Schedule a show; 409 if it overlaps another on the same screen (admin)',
    request: { body: jsonBody(ShowInputSchema) },
    responses: { 201: jsonResponse('The show.', ShowSchema), ...apiProblemResponses(400, 401, 403, 409, 422) },
  });
  registry.registerPath({
    method: 'post',
    path: `${basePath}/{id}/blocked-seats`,
    tags,
    security,
    summary: 'Block seats, all or nothing (admin)',
    request: { params: IdParamsSchema, body: jsonBody(SeatListSchema) },
    responses: {
      200: jsonResponse('The seat map after blocking.', SeatMapSchema),
      ...apiProblemResponses(400, 401, 403, 404, 409, 422),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: `${basePath}/{id}/blocked-seats/{seat}`,
    tags,
    security,
    summary: 'Unblock a seat (admin)',
    request: { params: SeatParamsSchema },
    responses: { 204: { description: 'Unblocked.' }, ...apiProblemResponses(400, 401, 403, 404) },
  });
  registry.registerPath({
    method: 'get',
    path: `${basePath}/{id}/report`,
    tags,
    security,
    summary: 'Occupancy and sales of a show (admin)',
    request: { params: IdParamsSchema },
    responses: { 200: jsonResponse('The report.', ShowReportSchema), ...apiProblemResponses(400, 401, 403, 404) },
  });
}
