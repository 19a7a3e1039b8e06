/** HTTP <-> InventoryService for admins: stock levels, audited adjustments and their history. */
import { currentUser } from '@roadmap/auth';
import type { Request, Response } from 'express';
import { adminActor } from '../audit/index.js';
import type { StockAdjustmentInput } from './inventory.schemas.js';
import type { InventoryService } from './inventory.service.js';

type Id = { id: string };

export function createInventoryController(service: InventoryService) {
  return {
    async level(req: Request<Id>, res: Response) {
      res.json(await service.level(req.params.id));
    },
    async adjust(req: Request<Id, unknown, StockAdjustmentInput>, res: Response) {
      res.status(201).json(await service.adjust(req.params.id, req.body, adminActor(currentUser(req))));
    },
    async adjustments(req: Request<Id>, res: Response) {
      res.json({ data: await service.adjustments(req.params.id) });
    },
  };
}
