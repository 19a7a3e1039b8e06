/** Movies: anyone browses; admins create and change. */
import { requireAuth, requireRole, type AccessTokenVerifier } from '@roadmap/auth';
import { IdParamsSchema, validate } from '@roadmap/core';
import { Router } from 'express';
import { createMovieController } from './movie.controller.js';
import { MovieInputSchema, MovieListQuerySchema, MoviePatchSchema } from './movie.schemas.js';
import type { MovieService } from './movie.service.js';

export function movieRoutes(service: MovieService, verifier: AccessTokenVerifier): Router {
  const controller = createMovieController(service);
  const admin = [requireAuth(verifier), requireRole('admin')];
  const router = Router();
  router.get('/', validate({ query: MovieListQuerySchema }), controller.list);
  router.get('/:id', validate({ params: IdParamsSchema }), controller.get);
  router.post('/', ...admin, validate({ body: MovieInputSchema }), controller.create);
  router.patch('/:id', ...admin, validate({ params: IdParamsSchema, body: MoviePatchSchema }), controller.update);
  return router;
}
