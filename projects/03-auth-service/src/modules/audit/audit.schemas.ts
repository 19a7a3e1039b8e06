import { objectIdSchema, pageSchema } from '@roadmap/core';
import { z } from 'zod';
import { AUDIT_EVENT_TYPES } from './audit.model.js';

export const AuditListQuerySchema = z.object({
  type: z.enum(AUDIT_EVENT_TYPES).optional(),
  userId: objectIdSchema('userId').optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const AuditEventSchema = z
  .object({
    id: z.string(),
    type: z.enum(AUDIT_EVENT_TYPES),
    userId: z.string().nullable(),
    actorId: z.string().nullable(),
    email: z.string().nullable(),
    ip: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'AuditEvent' });

export const AuditPageSchema = pageSchema(AuditEventSchema).meta({ id: 'AuditEventPage' });

export type AuditListQuery = z.output<typeof AuditListQuerySchema>;
export type AuditEvent = z.output<typeof AuditEventSchema>;
