/** Shows: anyone browses shows and seat maps; admins schedule shows, block seats and read reports. */
import { requireAuth, requireRole, type AccessTokenVerifier } from '@roadmap/auth';
import { IdParamsSchema, validate } from '@roadmap/core';
import { Router } from 'express';
import { createShowController } from './show.controller.js';
import { SeatListSchema, SeatParamsSchema, ShowInputSchema, ShowListQuerySchema } from './show.schemas.js';
import type { ShowService } from './show.service.js';

export function showRoutes(service: ShowService, verifier: AccessTokenVerifier): Router {
  const controller = createShowController(service);
  const admin = [requireAuth(verifier), requireRole('admin')];
  const router = Router();
  router.get('/', validate({ query: ShowListQuerySchema }), controller.list);
  router.get('/:id', validate({ params: IdParamsSchema }), controller.get);
  router.get('/:id/seats', validate({ params: IdParamsSchema }), controller.seatMap);
  router.post('/', ...admin, validate({ body: ShowInputSchema }), controller.create);
  router.post(
    '/:id/blocked-seats',
    ...admin,
    validate({ params: IdParamsSchema, body: SeatListSchema }),
    controller.blockSeats,
  );
  router.delete('/:id/blocked-seats/:seat', ...admin, validate({ params: SeatParamsSchema }), controller.unblockSeat);
  router.get('/:id/report', ...admin, validate({ params: IdParamsSchema }), controller.report);
  return router;
}
