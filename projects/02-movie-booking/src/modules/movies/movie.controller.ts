/** HTTP <-> MovieService. */
import { publicPath, type IdParams, type NoParams } from '@roadmap/core';
import type { Request, Response } from 'express';
import type { MovieInput, MovieListQuery, MoviePatch } from './movie.schemas.js';
import type { MovieService } from './movie.service.js';

export function createMovieController(service: MovieService) {
  return {
    async create(req: Request<NoParams, unknown, MovieInput>, res: Response) {
      const movie = await service.create(req.body);
      res
        .status(201)
        .location(publicPath(req, res, `${req.baseUrl}/${movie.id}`))
        .json(movie);
    },
    async list(req: Request<NoParams, unknown, unknown, MovieListQuery>, res: Response) {
      res.json(await service.list(req.query));
    },
    async get(req: Request<IdParams>, res: Response) {
      res.json(await service.get(req.params.id));
    },
    async update(req: Request<IdParams, unknown, MoviePatch>, res: Response) {
      res.json(await service.update(req.params.id, req.body));
    },
  };
}
