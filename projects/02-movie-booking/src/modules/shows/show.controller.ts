/** HTTP <-> ShowService. */
import { publicPath, type IdParams, type NoParams } from '@roadmap/core';
import type { Request, Response } from 'express';
import type { SeatList, SeatParams, ShowInput, ShowListQuery } from './show.schemas.js';
import type { ShowService } from './show.service.js';

export function createShowController(service: ShowService) {
  return {
    async create(req: Request<NoParams, unknown, ShowInput>, res: Response) {
      const show = await service.create(req.body);
      res
        .status(201)
        .location(publicPath(req, res, `${req.baseUrl}/${show.id}`))
        .json(show);
    },
    async list(req: Request<NoParams, unknown, unknown, ShowListQuery>, res: Response) {
      res.json(await service.list(req.query));
    },
    async get(req: Request<IdParams>, res: Response) {
      res.json(await service.get(req.params.id));
    },
    async seatMap(req: Request<IdParams>, res: Response) {
      res.json(await service.seatMap(req.params.id));
    },
    async blockSeats(req: Request<IdParams, unknown, SeatList>, res: Response) {
      res.json(await service.blockSeats(req.params.id, req.body.seats));
    },
    async unblockSeat(req: Request<SeatParams>, res: Response) {
      await service.unblockSeat(req.params.id, req.params.seat);
      res.status(204).end();
    },
    async report(req: Request<IdParams>, res: Response) {
      res.json(await service.report(req.params.id));
    },
  };
}
