/** HTTP <-> TheaterService. */
import { publicPath, type IdParams, type NoParams } from '@roadmap/core';
import type { Request, Response } from 'express';
import type { ScreenInput, TheaterInput, TheaterListQuery, TheaterPatch } from './theater.schemas.js';
import type { TheaterService } from './theater.service.js';

export function createTheaterController(service: TheaterService) {
  return {
    async create(req: Request<NoParams, unknown, TheaterInput>, res: Response) {
      const theater = await service.create(req.body);
      res
        .status(201)
        .location(publicPath(req, res, `${req.baseUrl}/${theater.id}`))
        .json(theater);
    },
    async list(req: Request<NoParams, unknown, unknown, TheaterListQuery>, res: Response) {
      res.json(await service.list(req.query));
    },
    async get(req: Request<IdParams>, res: Response) {
      res.json(await service.get(req.params.id));
    },
    async update(req: Request<IdParams, unknown, TheaterPatch>, res: Response) {
      res.json(await service.update(req.params.id, req.body));
    },
    async addScreen(req: Request<IdParams, unknown, ScreenInput>, res: Response) {
      res.status(201).json(await service.addScreen(req.params.id, req.body));
    },
  };
}
