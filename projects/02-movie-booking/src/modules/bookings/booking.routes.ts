/** Holds and bookings, for signed-in users; every path needs an access token. */
import { requireAuth, type AccessTokenVerifier } from '@roadmap/auth';
import { IdParamsSchema, validate } from '@roadmap/core';
import { Router } from 'express';
import { createBookingController } from './booking.controller.js';
import { BookingListQuerySchema, ConfirmHeadersSchema, HoldInputSchema, HoldParamsSchema } from './booking.schemas.js';
import type { BookingService } from './booking.service.js';

export function bookingRoutes(service: BookingService, verifier: AccessTokenVerifier): Router {
  const controller = createBookingController(service);
  const router = Router();
  // Only these paths need a token; the router is mounted next to the public browsing routes.
  router.use(['/shows/:showId/holds', '/holds', '/bookings'], requireAuth(verifier));
  router.post('/shows/:showId/holds', validate({ params: HoldParamsSchema, body: HoldInputSchema }), controller.hold);
  router.delete('/holds/:id', validate({ params: IdParamsSchema }), controller.release);
  router.post(
    '/holds/:id/confirm',
    validate({ params: IdParamsSchema, headers: ConfirmHeadersSchema }),
    controller.confirm,
  );
  router.get('/bookings', validate({ query: BookingListQuerySchema }), controller.list);
  router.get('/bookings/:id', validate({ params: IdParamsSchema }), controller.get);
  router.post('/bookings/:id/cancel', validate({ params: IdParamsSchema }), controller.cancel);
  return router;
}
