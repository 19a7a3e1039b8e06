/** A session as the API shows it, and the list of the caller's sessions. */
import { z } from 'zod';

export const SessionSchema = z
  .object({
    id: z.string(),
    userAgent: z.string(),
    ip: z.string(),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    current: z.boolean(),
  })
  .meta({ id: 'Session' });

export const SessionListSchema = z.object({ data: z.array(SessionSchema) }).meta({ id: 'SessionList' });

export type Session = z.output<typeof SessionSchema>;
