/** Public profile paths under /api/v1/profiles: no token needed, no email shown. */
import { validate } from '@roadmap/core';
import { Router } from 'express';
import { createProfileController } from './profile.controller.js';
import type { ProfileService } from './profile.service.js';
import { ProfileListQuerySchema, UsernameParamsSchema } from './user.schemas.js';

export function profileRoutes(profiles: ProfileService): Router {
  const controller = createProfileController(profiles);
  const router = Router();
  router.get('/', validate({ query: ProfileListQuerySchema }), controller.byIds);
  router.get('/:username', validate({ params: UsernameParamsSchema }), controller.byUsername);
  return router;
}
