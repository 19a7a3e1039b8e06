import { nonBlank, pageSchema } from '@roadmap/core';
import { z } from 'zod';

/** The admin an action is recorded against: the access token's subject and email. */
export interface AdminActor {
  id: string;
  email: string | null;
}

/** What was acted on, e.g. `{ type: 'order', id }`. */
export interface AuditTarget {
  type: 'product' | 'variant' | 'category' | 'order' | 'queue-job';
  id: string | null;
}

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    actor: z.object({ id: z.string(), email: z.string().nullable() }),
    action: z.string().meta({ example: 'order.transition' }),
    target: z.object({ type: z.string(), id: z.string().nullable() }),
    details: z.record(z.string(), z.unknown()),
    at: z.string(),
  })
  .meta({ id: 'AdminAuditEntry' });

export const AuditPageSchema = pageSchema(AuditEntrySchema).meta({ id: 'AdminAuditPage' });

export const AuditListQuerySchema = z.object({
  actorId: nonBlank(z.string().trim().min(1).max(200)).optional(),
  action: z
    .string()
    .regex(/^[a-z-]+(\.[a-z_-]+)*$/, 'an action such as order.transition')
    .optional(),
  targetType: z.enum(['product', 'variant', 'category', 'order', 'queue-job']).optional(),
  targetId: nonBlank(z.string().trim().min(1).max(200)).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type AuditEntry = z.output<typeof AuditEntrySchema>;
export type AuditListQuery = z.output<typeof AuditListQuerySchema>;
