/**
 * POST /webhooks/stripe. The body must reach constructEvent byte for byte, so this route reads it raw
 * with `readWebhookBody`, which app.ts runs before the shared JSON parser (a consumed body is skipped
 * there). Any verified event is acknowledged with 200, including a replay or a stale one, so the
 * provider stops retrying it.
 */
import express, { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { createWebhookController } from './webhook.controller.js';
import type { WebhookService } from './webhook.service.js';

export const WEBHOOK_PATH = '/webhooks/stripe';

/** The largest webhook body accepted (Stripe's events are a few kilobytes). */
export const WEBHOOK_BODY_LIMIT = '256kb';

const BODY_ERROR = 'webhookBodyError';

const rawBody = express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT });

/**
 * The raw body parser of the webhook route. It runs outside the app that has the request logger and
 * the problem+json handler, so a body it refuses (too large, an encoding it cannot decode or does not
 * support) is not answered here: the error is kept for the route, which throws it inside that app.
 */
export function readWebhookBody(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    void rawBody(req, res, (err?: unknown) => {
      if (err !== undefined) res.locals[BODY_ERROR] = err;
      next();
    });
  };
}

export function webhookRoutes(service: WebhookService): Router {
  const controller = createWebhookController(service, BODY_ERROR);
  const router = Router();
  router.post(WEBHOOK_PATH, controller.receive);
  return router;
}
