/** HTTP <-> ProductService. `X-Cache` tells whether a catalog page came from Redis or PostgreSQL. */
import { currentUser } from '@roadmap/auth';
import { publicPath } from '@roadmap/core';
import type { Request, Response } from 'express';
import { adminActor } from '../audit/index.js';
import type { CacheRead } from './catalog-cache.js';
import type {
  CategoryInput,
  ProductInput,
  ProductListQuery,
  ProductPatch,
  VariantInput,
  VariantPatch,
} from './product.schemas.js';
import type { ProductService } from './product.service.js';

type Id = { id: string };
type Empty = Record<string, never>;

function sendRead(res: Response, read: CacheRead): void {
  // The bytes and ETag come made with the page: Express neither encodes nor hashes it again.
  res
    .set('X-Cache', read.source === 'cache' ? 'HIT' : 'MISS')
    .set('ETag', read.etag)
    .type('application/json')
    .send(read.body);
}

export function createProductController(service: ProductService) {
  return {
    async list(req: Request<Empty, unknown, unknown, ProductListQuery>, res: Response) {
      sendRead(res, await service.list(req.query));
    },
    async get(req: Request<{ slug: string }>, res: Response) {
      sendRead(res, await service.getPublished(req.params.slug));
    },
    async getById(req: Request<Id>, res: Response) {
      res.json(await service.getById(req.params.id));
    },
    async create(req: Request<Empty, unknown, ProductInput>, res: Response) {
      const product = await service.create(req.body, adminActor(currentUser(req)));
      res
        .status(201)
        .location(publicPath(req, res, `${req.baseUrl}/products/${product.id}`))
        .json(product);
    },
    async update(req: Request<Id, unknown, ProductPatch>, res: Response) {
      res.json(await service.update(req.params.id, req.body, adminActor(currentUser(req))));
    },
    async remove(req: Request<Id>, res: Response) {
      await service.remove(req.params.id, adminActor(currentUser(req)));
      res.status(204).end();
    },
    async addVariant(req: Request<Id, unknown, VariantInput>, res: Response) {
      res.status(201).json(await service.addVariant(req.params.id, req.body, adminActor(currentUser(req))));
    },
    async updateVariant(req: Request<Id, unknown, VariantPatch>, res: Response) {
      res.json(await service.updateVariant(req.params.id, req.body, adminActor(currentUser(req))));
    },
    async listCategories(_req: Request, res: Response) {
      res.json({ data: await service.listCategories() });
    },
    async createCategory(req: Request<Empty, unknown, CategoryInput>, res: Response) {
      res.status(201).json(await service.createCategory(req.body, adminActor(currentUser(req))));
    },
  };
}
