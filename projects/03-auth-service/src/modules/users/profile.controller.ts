/** HTTP <-> ProfileService. */
import type { NoParams } from '@roadmap/core';
import type { Request, Response } from 'express';
import type { ProfileService } from './profile.service.js';
import type { ProfileListQuery } from './user.schemas.js';

export function createProfileController(profiles: ProfileService) {
  return {
    async byUsername(req: Request<{ username: string }>, res: Response) {
      res.json({ profile: await profiles.byUsername(req.params.username) });
    },
    async byIds(req: Request<NoParams, unknown, unknown, ProfileListQuery>, res: Response) {
      res.json({ profiles: await profiles.byIds(req.query.ids) });
    },
  };
}
