/** Admin stock paths, mounted under `/admin`: levels, audited adjustments and their history. */
import { currentUser } from '@roadmap/auth';
import { validate } from '@roadmap/core';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { adminActor } from '../audit/index.js';
import { StockAdjustmentInputSchema, VariantIdParamsSchema, type StockAdjustmentInput } from './inventory.schemas.js';
import type { InventoryService } from './inventory.service.js';

export function inventoryAdminRoutes(service: InventoryService, admin: RequestHandler[]): Router {
  const router = Router();
  router.use(...admin);
  router.get(
    '/variants/:id/stock',
    validate({ params: VariantIdParamsSchema }),
    async (req: Request<{ id: string }>, res: Response) => {
      res.json(await service.level(req.params.id));
    },
  );
  router.post(
    '/variants/:id/stock-adjustments',
    validate({ params: VariantIdParamsSchema, body: StockAdjustmentInputSchema }),
    async (req: Request<{ id: string }, unknown, StockAdjustmentInput>, res: Response) => {
      res.status(201).json(await service.adjust(req.params.id, req.body, adminActor(currentUser(req))));
    },
  );
  router.get(
    '/variants/:id/stock-adjustments',
    validate({ params: VariantIdParamsSchema }),
    async (req: Request<{ id: string }>, res: Response) => {
      res.json({ data: await service.adjustments(req.params.id) });
    },
  );
  return router;
}
