/** Theaters: anyone reads; admins create theaters, change them and add screens. */
import { requireAuth, requireRole, type AccessTokenVerifier } from '@roadmap/auth';
import { IdParamsSchema, validate } from '@roadmap/core';
import { Router } from 'express';
import { createTheaterController } from './theater.controller.js';
import {
  ScreenInputSchema,
  TheaterInputSchema,
  TheaterListQuerySchema,
  TheaterPatchSchema,
} from './theater.schemas.js';
import type { TheaterService } from './theater.service.js';

export function theaterRoutes(service: TheaterService, verifier: AccessTokenVerifier): Router {
  const controller = createTheaterController(service);
  const admin = [requireAuth(verifier), requireRole('admin')];
  const router = Router();
  router.get('/', validate({ query: TheaterListQuerySchema }), controller.list);
  router.get('/:id', validate({ params: IdParamsSchema }), controller.get);
  router.post('/', ...admin, validate({ body: TheaterInputSchema }), controller.create);
  router.patch('/:id', ...admin, validate({ params: IdParamsSchema, body: TheaterPatchSchema }), controller.update);
  router.post(
    '/:id/screens',
    ...admin,
    validate({ params: IdParamsSchema, body: ScreenInputSchema }),
    controller.addScreen,
  );
  return router;
}
