/**
 * Request validation with zod: `validate({ body, query, params, headers })` parses each part, replaces
 * it with the parsed (coerced, defaulted) value, or answers 400 listing every invalid field (422 when
 * the only ones are field rules, see `fieldRule`). Headers are
 * only checked, never replaced: Node owns that object, and handlers read them with `req.get()`.
 */
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { FieldRuleError, ValidationError, type FieldError } from './errors.js';

type Source = 'body' | 'query' | 'params' | 'headers';

export function zodIssuesToFieldErrors(issues: readonly z.core.$ZodIssue[], source: Source): FieldError[] {
  return issues.map((issue) => ({
    field: [source, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/**
 * The options of a refinement that states a rule JSON Schema cannot (how fields relate, e.g. `from`
 * not after `to`): `.refine(check, fieldRule('from must not be after to'))`, or spread into
 * `ctx.addIssue`. A request that breaks only such rules matches its document, so it is answered 422
 * (FieldRuleError) rather than 400; say the rule in the field's description.
 */
export function fieldRule(message: string) {
  return { message, params: { fieldRule: true } };
}

function isFieldRule(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'custom' && issue.params?.fieldRule === true;
}

export interface RequestSchemas<
  P extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
> {
  params?: P;
  body?: B;
  query?: Q;
}

type Out<S, Fallback> = S extends z.ZodType ? z.output<S> : Fallback;

/**
 * Validates and replaces the request parts that have a schema. The returned handler's type carries
 * the parsed types, so a controller declared with the same `z.infer` types lines up with it.
 */
export function validate<
  P extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
>(schemas: {
  params?: P;
  body?: B;
  query?: Q;
  /** Header names in lower case, e.g. `z.object({ 'idempotency-key': z.string().optional() })`. */
  headers?: z.ZodType;
}): RequestHandler<Out<P, Record<string, string>>, unknown, Out<B, unknown>, Out<Q, unknown>> {
  return (req, _res, next) => {
    const errors: FieldError[] = [];
    let onlyRules = true;
    const parsed: Partial<Record<Source, unknown>> = {};
    for (const source of ['params', 'query', 'headers', 'body'] as const) {
      const schema = schemas[source];
      if (!schema) continue;
      const input: unknown = source === 'body' ? (req.body ?? {}) : req[source];
      const result = schema.safeParse(input);
      if (result.success) {
        parsed[source] = result.data;
        continue;
      }
      errors.push(...zodIssuesToFieldErrors(result.error.issues, source));
      onlyRules &&= result.error.issues.every(isFieldRule);
    }
    if (errors.length > 0) {
      next(onlyRules ? new FieldRuleError(errors) : new ValidationError(errors));
      return;
    }
    if ('params' in parsed) req.params = parsed.params as typeof req.params;
    if ('body' in parsed) req.body = parsed.body as typeof req.body;
    // Express 5 exposes req.query as a getter; shadow it with the parsed value.
    if ('query' in parsed) {
      Object.defineProperty(req, 'query', {
        value: parsed.query,
        writable: true,
        configurable: true,
        enumerable: true,
      });
    }
    next();
  };
}

/** The path parameters of a route that has none, for `Request<NoParams, ...>` in controllers. */
export type NoParams = Record<string, never>;
