/** A provider webhook as the document states it: a Stripe-format event and its signature header. */
import { z } from 'zod';

/** What the webhook service reads of an event (see webhook.service.ts); other members are kept. */
export const WebhookEventSchema = z
  .object({
    id: z.string().min(1),
    type: z.string(),
    created: z.number().int(),
    data: z.object({ object: z.record(z.string(), z.unknown()) }),
  })
  .catchall(z.unknown())
  .meta({
    id: 'WebhookEvent',
    example: {
      id: 'evt_1Pq2r3S4t5U6v7W8',
      type: 'payment_intent.succeeded',
      created: 1_900_000_000,
      data: { object: { id: 'pi_0123456789abcdef01234567', object: 'payment_intent' } },
    },
  });

export const WebhookHeadersSchema = z.object({
  'stripe-signature': z
    .string()
    .min(1)
    .meta({
      description:
        "The provider's signature over the exact body (`t=<unix time>,v1=<HMAC-SHA256>`), made with the shared " +
        'webhook secret; a missing, wrong or old one is a 400.',
      example: 't=1900000000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd',
    }),
});
