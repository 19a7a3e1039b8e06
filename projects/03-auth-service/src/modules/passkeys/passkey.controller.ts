/** HTTP <-> PasskeyService: the caller's own passkeys. */
import { currentUser } from '@roadmap/auth';
import type { NoParams } from '@roadmap/core';
import type { Request, Response } from 'express';
import { clientInfo } from '../audit/index.js';
import type { RegisterPasskeyBody, RenamePasskeyBody } from './passkey.schemas.js';
import type { PasskeyService } from './passkey.service.js';

type IdParams = { id: string };

export function createPasskeyController(service: PasskeyService) {
  return {
    async registrationOptions(req: Request, res: Response) {
      res.set('Cache-Control', 'no-store');
      res.json(await service.registrationOptions(currentUser(req)));
    },
    async register(req: Request<NoParams, unknown, RegisterPasskeyBody>, res: Response) {
      res.set('Cache-Control', 'no-store');
      res.status(201).json(await service.register(currentUser(req), req.body, clientInfo(req)));
    },
    async list(req: Request, res: Response) {
      res.json({ data: await service.list(currentUser(req).id) });
    },
    async rename(req: Request<IdParams, unknown, RenamePasskeyBody>, res: Response) {
      res.json({ passkey: await service.rename(currentUser(req).id, req.params.id, req.body.name) });
    },
    async remove(req: Request<IdParams>, res: Response) {
      await service.remove(currentUser(req), req.params.id, clientInfo(req));
      res.status(204).end();
    },
  };
}
