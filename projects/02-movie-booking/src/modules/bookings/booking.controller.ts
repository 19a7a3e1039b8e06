/** HTTP <-> BookingService: the caller comes from the access token (`sub`, `email`). */
import { currentUser } from '@roadmap/auth';
import { publicPath, type IdParams, type NoParams } from '@roadmap/core';
import type { Request, Response } from 'express';
import type { BookingListQuery, HoldInput, HoldParams } from './booking.schemas.js';
import type { BookingCaller, BookingService } from './booking.service.js';

function callerOf(req: Pick<Request, 'user'>): BookingCaller {
  const user = currentUser(req);
  return { id: user.id, ...(user.email ? { email: user.email } : {}) };
}

export function createBookingController(service: BookingService) {
  return {
    async hold(req: Request<HoldParams, unknown, HoldInput>, res: Response) {
      const hold = await service.hold(callerOf(req), req.params.showId, req.body.seats);
      // A hold is a booking in status `held`: GET /bookings/{id} reads it (there is no GET /holds/{id}).
      res
        .status(201)
        .location(publicPath(req, res, `${req.baseUrl}/bookings/${hold.holdId}`))
        .json(hold);
    },
    async release(req: Request<IdParams>, res: Response) {
      await service.release(callerOf(req), req.params.id);
      res.status(204).end();
    },
    async confirm(req: Request<IdParams>, res: Response) {
      const key = req.get('idempotency-key')?.trim();
      const { booking, replayed } = await service.confirm(callerOf(req), req.params.id, key);
      if (replayed) res.set('Idempotent-Replayed', 'true');
      res.status(200).json(booking);
    },
    async list(req: Request<NoParams, unknown, unknown, BookingListQuery>, res: Response) {
      res.json(await service.listMine(callerOf(req), req.query));
    },
    async get(req: Request<IdParams>, res: Response) {
      res.json(await service.get(callerOf(req), req.params.id));
    },
    async cancel(req: Request<IdParams>, res: Response) {
      res.json(await service.cancel(callerOf(req), req.params.id));
    },
  };
}
