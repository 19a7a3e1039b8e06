/**
 * Requests built from an operation of the document: valid ones (every parameter and the body drawn from
 * their schemas) and invalid ones (a valid request with exactly one part broken: a parameter's value, a
 * required parameter left out, or one spot of the body). Both are checked against the document's own
 * validator before they are sent.
 */
import fc from 'fast-check';
import type { Resolve } from './json-schema.js';
import { applyMutation, bodyMutations, invalidCandidates } from './invalid-values.js';
import type { OperationSpec, ParameterSpec } from './operations.js';
import { valueArbitrary } from './valid-values.js';

export interface GeneratedRequest {
  method: string;
  /** The path with its parameters filled in (percent-encoded). */
  path: string;
  /** Each query parameter's name and text, repeated for arrays. */
  query: [string, string][];
  headers: Record<string, string>;
  cookies: [string, string][];
  /** The JSON body, if any. */
  body?: unknown;
  /** For an invalid request: what was broken. */
  broken?: string;
}

/** A parameter's value as its text: arrays of a query parameter repeat its name. */
type ParameterTexts = Map<ParameterSpec, string | string[] | undefined>;

interface Parts {
  texts: ParameterTexts;
  body: unknown;
  hasBody: boolean;
}

function toText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function parameterText(value: unknown, parameter: ParameterSpec): string | string[] {
  if (!Array.isArray(value)) return toText(value);
  // Query arrays are exploded (`?a=1&a=2`); path and header arrays are comma-separated (style simple).
  return parameter.in === 'query' ? value.map(toText) : value.map(toText).join(',');
}

function assemble(operation: OperationSpec, parts: Parts, broken?: string): GeneratedRequest {
  let path = operation.template;
  const query: [string, string][] = [];
  const headers: Record<string, string> = {};
  const cookies: [string, string][] = [];
  for (const [parameter, text] of parts.texts) {
    if (text === undefined) continue;
    const joined = Array.isArray(text) ? text.join(',') : text;
    if (parameter.in === 'path') path = path.replace(`{${parameter.name}}`, encodeURIComponent(joined));
    if (parameter.in === 'query') for (const item of [text].flat()) query.push([parameter.name, item]);
    if (parameter.in === 'header') headers[parameter.name] = joined;
    if (parameter.in === 'cookie') cookies.push([parameter.name, joined]);
  }
  return {
    method: operation.method,
    path,
    query,
    headers,
    cookies,
    ...(parts.hasBody ? { body: parts.body } : {}),
    ...(broken === undefined ? {} : { broken }),
  };
}

/** Whether every part of `parts` is valid by the document. */
function partsAccepted(operation: OperationSpec, parts: Parts): boolean {
  for (const parameter of operation.parameters) {
    const text = parts.texts.get(parameter);
    if (text === undefined) {
      if (parameter.required) return false;
    } else if (!parameter.accepts(text)) return false;
  }
  if (!operation.body) return true;
  if (!parts.hasBody) return !operation.body.required;
  return operation.body.accepts(parts.body);
}

function validParts(operation: OperationSpec, resolve: Resolve): fc.Arbitrary<Parts> {
  const parameters = operation.parameters.map((parameter) => {
    const value = valueArbitrary(parameter.schema, { resolve, place: parameter.in }).map((v) =>
      parameterText(v, parameter),
    );
    return parameter.required ? value : fc.option(value, { nil: undefined, freq: 2 });
  });
  const body = operation.body
    ? valueArbitrary(operation.body.schema, { resolve, place: 'body' })
    : fc.constant<unknown>(undefined);
  return fc.tuple(fc.tuple(...parameters), body).map(([values, bodyValue]) => ({
    texts: new Map(operation.parameters.map((parameter, index) => [parameter, values[index]])),
    body: bodyValue,
    hasBody: operation.body !== undefined,
  }));
}

/**
 * Valid requests of `operation`, as proposals: `accepted` says whether the document's validator agrees
 * (the caller skips those it does not, with `fc.pre`).
 */
export function validRequests(operation: OperationSpec, resolve: Resolve) {
  return validParts(operation, resolve).map((parts) => ({
    request: assemble(operation, parts),
    accepted: partsAccepted(operation, parts),
  }));
}

interface Breakage {
  label: string;
  apply(parts: Parts): Parts;
}

function breakages(operation: OperationSpec, resolve: Resolve, parts: Parts): Breakage[] {
  const out: Breakage[] = [];
  for (const parameter of operation.parameters) {
    const withText = (text: string | undefined, label: string): Breakage => ({
      label: `${parameter.in} ${parameter.name}: ${label}`,
      apply: (current) => ({ ...current, texts: new Map(current.texts).set(parameter, text) }),
    });
    if (parameter.required && parameter.in !== 'path') out.push(withText(undefined, 'left out (required)'));
    for (const candidate of invalidCandidates(parameter.schema, resolve, parameter.in)) {
      if (typeof candidate.value === 'string') out.push(withText(candidate.value, candidate.label));
    }
  }
  if (operation.body && parts.hasBody) {
    for (const mutation of bodyMutations(parts.body, operation.body.schema, resolve)) {
      out.push({
        label: `body ${mutation.label}`,
        apply: (current) => ({ ...current, body: applyMutation(current.body, mutation) }),
      });
    }
  }
  return out;
}

/**
 * Invalid requests of `operation`: a valid one with one part broken. `accepted` is whether the
 * document's validator accepts it, as for valid requests: an invalid request is one it refuses, built
 * from one it accepted (`from`).
 */
export function invalidRequests(operation: OperationSpec, resolve: Resolve) {
  return validParts(operation, resolve).chain((parts) => {
    const from = partsAccepted(operation, parts);
    const options = from ? breakages(operation, resolve, parts) : [];
    if (options.length === 0) return fc.constant({ request: assemble(operation, parts), accepted: true, from });
    return fc.constantFrom(...options).map((breakage) => {
      const broken = breakage.apply(parts);
      return {
        request: assemble(operation, broken, breakage.label),
        accepted: partsAccepted(operation, broken),
        from,
      };
    });
  });
}

/** Whether the operation has any part a request can get wrong (some operations take nothing). */
export function canBeInvalid(operation: OperationSpec, resolve: Resolve): boolean {
  if (operation.body) return true;
  return operation.parameters.some(
    (parameter) =>
      (parameter.required && parameter.in !== 'path') ||
      invalidCandidates(parameter.schema, resolve, parameter.in).length > 0,
  );
}
