/**
 * Request schemas for ids (MongoDB ObjectIds, UUIDs), shared so every project names a bad id the same
 * way and documents it with a pattern any OpenAPI tool can use.
 */
import { z } from 'zod';

// No regex flags here or in any documented pattern: the OpenAPI generator writes `source` plus the
// flags into `pattern` (`^...$/i`), which no client matches. Case-insensitivity is spelled out instead.
const OBJECT_ID = /^[0-9a-fA-F]{24}$/;

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

/**
 * A UUID as `format: uuid` documents it: any 8-4-4-4-12 hex string. Version and variant digits are not
 * checked (an id the store does not have is a 404, whichever digits it carries), unlike `z.uuid()`,
 * which refuses a well-formed id whose version is not one of RFC 9562's.
 */
export function uuidSchema(name = 'id') {
  return z.guid(`${name} must be a UUID`).meta({ example: '0b7f6a1e-3c2d-4e5f-8a9b-1c2d3e4f5a6b' });
}
