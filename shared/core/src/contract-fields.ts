/**
 * Request schemas whose OpenAPI description says all that their validation does. zod-to-openapi writes
 * what it can read from a schema (lengths, the first regex, a format), but nothing of `.trim()` or of
 * a piped check; these builders add the missing words, so a generated client refuses what the service
 * refuses.
 */
import { z } from 'zod';

/**
 * The JSON Schema pattern of strings shorter than `min` characters once the whitespace around them is
 * trimmed (JavaScript's `trim()` and the regex `\s` strip the same characters).
 */
export function blankWhenTrimmedPattern(min: number): string {
  if (min <= 1) return '^\\s*$';
  if (min === 2) return '^\\s*\\S?\\s*$';
  return `^\\s*(?:\\S(?:[\\s\\S]{0,${min - 3}}\\S)?)?\\s*$`;
}

/**
 * Documents a `.trim()`-then-`.min(n)` string: `minLength` alone would call `"   "` valid, so the
 * schema also says `not: { pattern }` for what is too short once trimmed. It uses `not`, not
 * `pattern`, so the string's own pattern (if any) stays documented.
 */
export function nonBlank<T extends z.ZodString>(schema: T): T {
  const min = Math.max(1, schema.minLength ?? 1);
  return schema.meta({ not: { pattern: blankWhenTrimmedPattern(min) } });
}

export const EMAIL_MAX_LENGTH = 254;

/**
 * An email address as every project accepts it: trimmed and lower-cased, then checked by zod's email
 * rule, which the document states as `format: email` plus that rule's own pattern (stricter than the
 * format alone: no quoted local parts, a letter-only top-level domain).
 */
export function emailAddress(message = 'email must be a valid address') {
  return z
    .string()
    .trim()
    .toLowerCase()
    .max(EMAIL_MAX_LENGTH)
    .pipe(z.email(message))
    .meta({ format: 'email', pattern: z.regexes.email.source, example: 'demo@example.com' });
}

/**
 * A partial update (PATCH): any subset of the fields, at least one. The document says so with
 * `minProperties: 1` and, where unknown members are allowed (and stripped, so they do not count), with
 * one alternative per field.
 */
export function atLeastOneField<T extends z.ZodObject>(schema: T, message = 'send at least one field to change'): T {
  const fields = Object.keys(schema.shape);
  const strict = schema.def.catchall?._zod.def.type === 'never';
  return schema
    .refine((patch) => Object.keys(patch as object).length > 0, { message })
    .meta({ minProperties: 1, ...(strict ? {} : { anyOf: fields.map((field) => ({ required: [field] })) }) });
}

/**
 * An integer in a query string, documented as `type: integer` with its bounds. `z.coerce.number()`
 * would do for validation, but it turns null into 0, so the generated document calls the parameter
 * nullable, which a query string cannot be; it also reads an empty value as 0.
 */
export function queryInteger(bounds: { min?: number; max?: number } = {}) {
  let schema = z.number().int();
  if (bounds.min !== undefined) schema = schema.min(bounds.min);
  if (bounds.max !== undefined) schema = schema.max(bounds.max);
  return z.preprocess((value) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value), schema);
}
