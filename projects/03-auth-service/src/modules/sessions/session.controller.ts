/** HTTP <-> SessionService: the caller's own sessions. */
import { currentUser } from '@roadmap/auth';
import type { IdParams } from '@roadmap/core';
import type { Request, Response } from 'express';
import type { SessionService } from './session.service.js';

export function createSessionController(sessions: SessionService) {
  return {
    async list(req: Request, res: Response) {
      const caller = currentUser(req);
      res.json({ data: await sessions.listActive(caller.id, caller.sessionId) });
    },
    async revoke(req: Request<IdParams>, res: Response) {
      await sessions.revokeOwn(currentUser(req).id, req.params.id);
      res.status(204).end();
    },
  };
}
