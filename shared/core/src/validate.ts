/**
 * Request validation with zod: `validate({ body, query, params, headers })` parses each part, replaces
 * it with the parsed (coerced, defaulted) value, or answers 400 listing every invalid field (422 when
 * the only ones are field rules, see `fieldRule`). Headers are
 * only checked, never replaced: Node owns that object, and handlers read them with `req.get()`.
 * Before any schema, every part it checks must pass the rules all text follows (text-input.ts): no
 * NUL in any string or key, and a query string whose percent-escapes decode.
 */
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { FieldRuleError, ValidationError, type FieldError } from './errors.js';
import { malformedQueryFields, nulFieldErrors, rawQueryOf } from './text-input.js';

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
      const textErrors = textRuleErrors(req.originalUrl, source, input);
      const result = schema.safeParse(input);
      if (result.success) parsed[source] = result.data;
      const schemaIssues = result.success ? [] : result.error.issues;
      // A field refused for its text is not listed again for what the schema thinks of it.
      const refused = new Set(textErrors.map((error) => error.field));
      const schemaErrors = zodIssuesToFieldErrors(schemaIssues, source).filter((error) => !refused.has(error.field));
      errors.push(...textErrors, ...schemaErrors);
      // Text the documents refuse (NUL, a malformed escape) is a 400, never a rule stated in words.
      onlyRules &&= textErrors.length === 0 && schemaIssues.every(isFieldRule);
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

/** What the rules every text follows say about one request part, before its schema is applied. */
function textRuleErrors(url: string, source: Source, input: unknown): FieldError[] {
  const malformed = source === 'query' ? malformedQueryFields(rawQueryOf(url)) : [];
  const undecodable = new Set(malformed.map((error) => error.field));
  // A value that did not decode is reported as such, not for what the lenient parser made of it.
  return [...malformed, ...nulFieldErrors(input, source).filter((error) => !undecodable.has(error.field))];
}

/** The path parameters of a route that has none, for `Request<NoParams, ...>` in controllers. */
export type NoParams = Record<string, never>;
