/**
 * POST /webhooks/stripe. The body must reach constructEvent byte for byte, so this route reads it raw
 * (see app.ts: it runs before the JSON parser). Any verified event is acknowledged with 200, including
 * a replay or a stale one, so the provider stops retrying it.
 */
import { Router, type Request, type Response } from 'express';
import type { WebhookService } from './webhook.service.js';

export const WEBHOOK_PATH = '/webhooks/stripe';

export function webhookRoutes(service: WebhookService): Router {
  const router = Router();
  router.post(WEBHOOK_PATH, async (req: Request, res: Response) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const outcome = await service.receive(raw, req.get('stripe-signature'));
    res.json({ received: true, outcome });
  });
  return router;
}
