/** Request schemas for MongoDB ObjectId strings, shared so every project names a bad id the same way. */
import { z } from 'zod';

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** A 24-hex-character ObjectId string; `name` is used in the error message. */
export function objectIdSchema(name = 'id') {
  return z
    .string()
    .regex(OBJECT_ID, `${name} must be an id (24 hex characters)`)
    .meta({ description: `${name} (ObjectId)`, example: '665f1c2ab3d4e5f601234567' });
}

/** The `:id` path parameter of a MongoDB document. */
export const IdParamsSchema = z.object({ id: objectIdSchema('id') });
export type IdParams = z.output<typeof IdParamsSchema>;
