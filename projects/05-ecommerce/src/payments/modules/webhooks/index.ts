/** The webhooks feature: the provider's signed events, verified, recorded once, applied to payments. */
export { registerWebhookPaths } from './webhook.openapi.js';
export { WebhookRepository } from './webhook.repository.js';
export { readWebhookBody, WEBHOOK_BODY_LIMIT, WEBHOOK_PATH, webhookRoutes } from './webhook.routes.js';
export { WebhookService } from './webhook.service.js';
