/**
 * The methods of each path come from the OpenAPI document: a method the document does not list on a
 * path it does list answers 405 with `Allow`, before any router runs (so neither the route table's 404
 * nor an authenticated router's 401 can answer it). Paths the document does not list go on unchanged.
 */
import type { RequestHandler } from 'express';
import { MethodNotAllowedError } from './errors.js';
import type { OpenApiDocument } from './openapi.js';

const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'trace'] as const;

/**
 * A document path (`/posts/{id}`) as a regex over request paths, matched as Express routes match: any
 * one segment for a parameter, case-insensitive, with or without a trailing slash.
 */
export function pathTemplatePattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}/]+\}/g, '[^/]+');
  return new RegExp(`^${escaped}/?$`, 'i');
}

/** The methods the document lists on `template`, upper-case; HEAD wherever GET is (Express answers both). */
export function documentedMethods(document: OpenApiDocument, template: string): string[] {
  const item = (document.paths ?? {})[template] as Partial<Record<string, unknown>> | undefined;
  const methods = OPERATION_METHODS.filter((method) => item?.[method] !== undefined);
  if (methods.includes('get') && !methods.includes('head')) methods.push('head');
  return methods.map((method) => method.toUpperCase());
}

export function methodNotAllowed(document: OpenApiDocument): RequestHandler {
  const paths = Object.keys(document.paths ?? {}).map((template) => ({
    pattern: pathTemplatePattern(template),
    methods: documentedMethods(document, template),
  }));
  return (req, _res, next) => {
    // CORS preflights and Express's own answer to OPTIONS (which lists the routes' methods) stay.
    if (req.method === 'OPTIONS') return next();
    const matching = paths.filter(({ pattern }) => pattern.test(req.path));
    if (matching.length === 0) return next();
    // `/posts/mine` is also `/posts/{id}`: a method is allowed if any matching path lists it.
    const allowed = [...new Set(matching.flatMap(({ methods }) => methods))];
    if (allowed.includes(req.method)) return next();
    next(new MethodNotAllowedError(req.method, allowed));
  };
}
