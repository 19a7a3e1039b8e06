/** Categories: anyone reads, admins write. */
import { requireAuth, requireRole, type AccessTokenVerifier } from '@roadmap/auth';
import { IdParamsSchema, validate } from '@roadmap/core';
import { Router } from 'express';
import { createCategoryController } from './category.controller.js';
import { CategoryDeleteQuerySchema, CategoryInputSchema, CategoryPatchSchema } from './category.schemas.js';
import type { CategoryService } from './category.service.js';

export function categoryRoutes(service: CategoryService, verifier: AccessTokenVerifier): Router {
  const controller = createCategoryController(service);
  const admin = [requireAuth(verifier), requireRole('admin')];
  const router = Router();
  router.get('/', controller.list);
  router.get('/:id', validate({ params: IdParamsSchema }), controller.get);
  router.post('/', ...admin, validate({ body: CategoryInputSchema }), controller.create);
  router.patch('/:id', ...admin, validate({ params: IdParamsSchema, body: CategoryPatchSchema }), controller.update);
  router.delete(
    '/:id',
    ...admin,
    validate({ params: IdParamsSchema, query: CategoryDeleteQuerySchema }),
    controller.delete,
  );
  return router;
}
