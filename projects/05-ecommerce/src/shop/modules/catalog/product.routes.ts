/** Catalog paths: anyone reads published products; admins manage products, variants and categories. */
import { validate } from '@roadmap/core';
import { Router, type RequestHandler } from 'express';
import { createProductController } from './product.controller.js';
import {
  CategoryInputSchema,
  ProductIdParamsSchema,
  ProductInputSchema,
  ProductListQuerySchema,
  ProductPatchSchema,
  SlugParamsSchema,
  VariantInputSchema,
  VariantPatchSchema,
} from './product.schemas.js';
import type { ProductService } from './product.service.js';

export function catalogRoutes(service: ProductService): Router {
  const controller = createProductController(service);
  const router = Router();
  router.get('/products', validate({ query: ProductListQuerySchema }), controller.list);
  router.get('/products/:slug', validate({ params: SlugParamsSchema }), controller.get);
  router.get('/categories', controller.listCategories);
  return router;
}

/** Mounted under `/admin`, behind `admin` (requireAuth + requireRole('admin')). */
export function catalogAdminRoutes(service: ProductService, admin: RequestHandler[]): Router {
  const controller = createProductController(service);
  const router = Router();
  router.use(...admin);
  router.post('/categories', validate({ body: CategoryInputSchema }), controller.createCategory);
  router.post('/products', validate({ body: ProductInputSchema }), controller.create);
  router.get('/products/:id', validate({ params: ProductIdParamsSchema }), controller.getById);
  router.patch(
    '/products/:id',
    validate({ params: ProductIdParamsSchema, body: ProductPatchSchema }),
    controller.update,
  );
  router.delete('/products/:id', validate({ params: ProductIdParamsSchema }), controller.remove);
  router.post(
    '/products/:id/variants',
    validate({ params: ProductIdParamsSchema, body: VariantInputSchema }),
    controller.addVariant,
  );
  router.patch(
    '/variants/:id',
    validate({ params: ProductIdParamsSchema, body: VariantPatchSchema }),
    controller.updateVariant,
  );
  return router;
}
