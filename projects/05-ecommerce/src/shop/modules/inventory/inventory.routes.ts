/** Admin stock paths, mounted under `/admin`: levels, audited adjustments and their history. */
import { validate } from '@roadmap/core';
import { Router, type RequestHandler } from 'express';
import { createInventoryController } from './inventory.controller.js';
import { StockAdjustmentInputSchema, VariantIdParamsSchema } from './inventory.schemas.js';
import type { InventoryService } from './inventory.service.js';

export function inventoryAdminRoutes(service: InventoryService, admin: RequestHandler[]): Router {
  const controller = createInventoryController(service);
  const router = Router();
  router.use(...admin);
  router.get('/variants/:id/stock', validate({ params: VariantIdParamsSchema }), controller.level);
  router.post(
    '/variants/:id/stock-adjustments',
    validate({ params: VariantIdParamsSchema, body: StockAdjustmentInputSchema }),
    controller.adjust,
  );
  router.get('/variants/:id/stock-adjustments', validate({ params: VariantIdParamsSchema }), controller.adjustments);
  return router;
}
