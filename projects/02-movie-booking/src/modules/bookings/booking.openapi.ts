/** The holds and bookings endpoints in the OpenAPI document. */
import {
  apiProblemResponses,
  IdParamsSchema,
  jsonBody,
  jsonResponse,
  type OpenAPIRegistry,
  registerBearerAuth,
} from '@roadmap/core';
import {
  BookingListQuerySchema,
  BookingPageSchema,
  BookingSchema,
  ConfirmHeadersSchema,
  HoldInputSchema,
  HoldParamsSchema,
  HoldSchema,
} from './booking.schemas.js';

export function registerBookingPaths(registry: OpenAPIRegistry, basePath: string): void {
  const tags = ['bookings'];
  const security = registerBearerAuth(registry);
  registry.registerPath({
    method: 'post',
    path: `${basePath}/shows/{showId}/holds`,
    tags,
    security,
    summary: 'Hold seats for a few minutes, all or nothing; 409 names the seats already taken',
    description:
      'At most the configured number of seats at once (10 by default), each a seat of the screen (422 otherwise).',
    request: { params: HoldParamsSchema, body: jsonBody(HoldInputSchema) },
    responses: {
      201: jsonResponse('The hold, with its id and expiresAt.', HoldSchema),
      ...apiProblemResponses(400, 401, 404, 409, 422),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: `${basePath}/holds/{id}`,
    tags,
    security,
    summary: 'Release a hold: its seats are available again at once',
    request: { params: IdParamsSchema },
    responses: { 204: { description: 'Released.' }, ...apiProblemResponses(400, 401, 404, 409) },
  });
  registry.registerPath({
    method: 'post',
    path: `${basePath}/holds/{id}/confirm`,
    tags,
    security,
    summary: 'Pay (simulated) and confirm a hold; a retry with the same Idempotency-Key returns the same booking',
    request: { params: IdParamsSchema, headers: ConfirmHeadersSchema },
    responses: {
      200: jsonResponse('The confirmed booking (header Idempotent-Replayed: true on a retry).', BookingSchema),
      ...apiProblemResponses(400, 401, 404, 409),
    },
  });
  registry.registerPath({
    method: 'get',
    path: `${basePath}/bookings`,
    tags,
    security,
    summary: 'My bookings, newest first',
    request: { query: BookingListQuerySchema },
    responses: { 200: jsonResponse('A page of my bookings.', BookingPageSchema), ...apiProblemResponses(400, 401) },
  });
  registry.registerPath({
    method: 'get',
    path: `${basePath}/bookings/{id}`,
    tags,
    security,
    summary: 'One of my bookings',
    request: { params: IdParamsSchema },
    responses: { 200: jsonResponse('The booking.', BookingSchema), ...apiProblemResponses(400, 401, 404) },
  });
  registry.registerPath({
    method: 'post',
    path: `${basePath}/bookings/{id}/cancel`,
    tags,
    security,
    summary: 'Cancel a booking before the cut-off; its seats become available',
    request: { params: IdParamsSchema },
    responses: {
      200: jsonResponse('The cancelled booking.', BookingSchema),
      ...apiProblemResponses(400, 401, 404, 409),
    },
  });
}
