/**
 * What a project can expose to its operators (behind its admin check): the messages by status,
 * and a retry of a failed one. Bodies are never listed, only envelopes and the last error.
 */
import { NotFoundError, validate } from '@roadmap/core';
import { Router } from 'express';
import { z } from 'zod';
import type { MailOutbox } from './mail-outbox.js';
import type { StoredMail } from './mail-store.js';

export const MailListQuerySchema = z.object({
  status: z.enum(['pending', 'sent', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const MailKeyParamsSchema = z.object({ key: z.string().min(1).max(500) });

export function mailView(mail: StoredMail) {
  return {
    key: mail.key,
    to: mail.to,
    subject: mail.subject,
    status: mail.status,
    generation: mail.generation,
    attempts: mail.attempts,
    lastError: mail.lastError ?? null,
    recordedAt: mail.recordedAt.toISOString(),
    queuedAt: mail.queuedAt?.toISOString() ?? null,
    sentAt: mail.sentAt?.toISOString() ?? null,
    failedAt: mail.failedAt?.toISOString() ?? null,
  };
}

/** `GET /` lists messages (`?status=failed&limit=50`); `POST /:key/retry` retries a failed one. */
export function mailAdminRoutes(outbox: MailOutbox): Router {
  const router = Router();
  router.get('/', validate({ query: MailListQuerySchema }), async (req, res) => {
    const query = req.query as z.output<typeof MailListQuerySchema>;
    const messages = await outbox.list(query);
    res.json({ items: messages.map(mailView) });
  });
  router.post('/:key/retry', validate({ params: MailKeyParamsSchema }), async (req, res) => {
    const retried = await outbox.retryFailed(req.params.key);
    if (!retried) throw new NotFoundError(`No failed message has the key ${req.params.key}.`);
    res.status(202).json(mailView(retried));
  });
  return router;
}
