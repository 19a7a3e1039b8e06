/**
 * The fake provider's webhook delivery, as Stripe delivers: each event is signed at send time
 * (`Stripe-Signature`, built with stripe.webhooks.generateTestHeaderString) and POSTed to the payments
 * service's webhook route; anything but a 2xx is retried with exponential backoff by Bull, and an
 * event that never got through stays in the failed set.
 */
import type { Logger } from '@roadmap/core';
import { addJob } from '@roadmap/redis';
import type Bull from 'bull';
import Stripe from 'stripe';
import { jobOptions, type RetryPolicy } from '../../platform/jobs.js';

export const WEBHOOK_QUEUE = 'fake-provider-webhooks';

export interface WebhookJob {
  event: { id: string; type: string; created: number; data: { object: Record<string, unknown> } };
}

export interface WebhookSender {
  send(event: WebhookJob['event']): Promise<void>;
}

export function webhookSender(queue: Bull.Queue<WebhookJob>, policy: RetryPolicy): WebhookSender {
  return {
    async send(event) {
      await addJob(queue, { event }, { ...jobOptions(policy, { jobId: event.id }), timeoutMs: 2_000 });
    },
  };
}

export function startWebhookDelivery(
  queue: Bull.Queue<WebhookJob>,
  target: () => string,
  secret: string,
  logger: Logger,
): void {
  void queue.process(4, async (job) => {
    const payload = JSON.stringify({ ...job.data.event, object: 'event', livemode: false, api_version: '2025-01-27' });
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret });
    const response = await fetch(target(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      body: payload,
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) {
      logger.warn({ eventId: job.data.event.id, status: response.status }, 'webhook delivery refused; will retry');
      throw new Error(`webhook endpoint answered ${response.status}`);
    }
  });
}
