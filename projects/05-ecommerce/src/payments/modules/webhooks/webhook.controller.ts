/** HTTP <-> WebhookService: the raw body and its signature in, what was done with the event out. */
import type { Request, Response } from 'express';
import type { WebhookService } from './webhook.service.js';

/** `bodyError`: where readWebhookBody left a body it refused, thrown here inside the app. */
export function createWebhookController(service: WebhookService, bodyError: string) {
  return {
    async receive(req: Request, res: Response) {
      const refused: unknown = res.locals[bodyError];
      if (refused !== undefined) throw refused;
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const outcome = await service.receive(raw, req.get('stripe-signature'));
      res.json({ received: true, outcome });
    },
  };
}
