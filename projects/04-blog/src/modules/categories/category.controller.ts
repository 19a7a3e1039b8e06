/** HTTP <-> CategoryService. */
import { publicPath, type IdParams, type NoParams } from '@roadmap/core';
import type { Request, Response } from 'express';
import type { CategoryDeleteQuery, CategoryInput, CategoryPatch } from './category.schemas.js';
import type { CategoryService } from './category.service.js';

export function createCategoryController(service: CategoryService) {
  return {
    async list(_req: Request, res: Response) {
      res.json({ data: await service.list() });
    },
    async get(req: Request<IdParams>, res: Response) {
      res.json(await service.get(req.params.id));
    },
    async create(req: Request<NoParams, unknown, CategoryInput>, res: Response) {
      const category = await service.create(req.body);
      res
        .status(201)
        .location(publicPath(req, res, `${req.baseUrl}/${category.id}`))
        .json(category);
    },
    async update(req: Request<IdParams, unknown, CategoryPatch>, res: Response) {
      res.json(await service.update(req.params.id, req.body));
    },
    async delete(req: Request<IdParams, unknown, unknown, CategoryDeleteQuery>, res: Response) {
      res.json(await service.delete(req.params.id, req.query));
    },
  };
}
