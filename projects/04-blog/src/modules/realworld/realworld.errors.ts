/**
 * RealWorld's error shape on its mount: `{ errors: { field: [messages] } }`. Invalid input (400 on
 * the blog's own API) is 422, as the spec says; 401, 403, 404, 405 and 409 keep their status.
 * Server-side failures (5xx, e.g. the auth service down) go on to the global problem+json handler.
 * Mounted with the routes at the app level, so a body the JSON parser refused gets this shape too.
 */
import { FieldRuleError, toHttpError, ValidationError, type HttpError } from '@roadmap/core';
import type { ErrorRequestHandler } from 'express';

/** The envelope and body-wrapper names that are no part of a field's name. */
const WRAPPERS = new Set(['body', 'query', 'params', 'user', 'article', 'comment']);

export function realWorldFieldName(path: string): string {
  const parts = path.split('.').filter((part) => part !== '');
  while (parts.length > 1 && WRAPPERS.has(parts[0] as string)) parts.shift();
  return parts.join('.') || 'body';
}

export function realWorldErrors(error: HttpError): Record<string, string[]> {
  if (!(error instanceof ValidationError) && !(error instanceof FieldRuleError)) {
    return { body: [error.detail ?? error.title] };
  }
  const errors: Record<string, string[]> = {};
  for (const { field, message } of error.errors) {
    const name = realWorldFieldName(field);
    (errors[name] ??= []).push(message);
  }
  return errors;
}

export function realWorldErrorHandler(): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    const error = toHttpError(err);
    if (!error || error.status >= 500 || res.headersSent) {
      next(err);
      return;
    }
    const status = error.status === 400 ? 422 : error.status;
    req.log?.info({ status, problem: error.type, detail: error.detail }, 'request rejected');
    res
      .status(status)
      .set(error.headers)
      .json({ errors: realWorldErrors(error) });
  };
}
