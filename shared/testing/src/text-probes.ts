/**
 * Requests that put a NUL character in one text field at a time, for every string an OpenAPI
 * document says a request may carry (free text, which the document gives the NUL-free pattern, and
 * ids, enums and other patterned strings alike): path and query parameters and JSON bodies, nested
 * fields and array items included. A project's test sends each
 * with the credentials it needs and expects a 400 naming the field, so no route can read a text the
 * shared validation did not check. Headers are left out: Node's HTTP parser refuses a NUL in a header
 * with its own 400 before any app code runs.
 */
import type { OpenApiDocument } from '@roadmap/core';
import type { Express } from 'express';
import { listen } from './listen.js';

export interface TextProbe {
  method: 'get' | 'put' | 'post' | 'delete' | 'patch';
  /** The document's path, e.g. `/api/v1/orders/{id}`. */
  template: string;
  /** The field as validation names it, e.g. `body.shippingAddress.name` or `query.q`. */
  field: string;
  /** The request URL, the NUL percent-encoded where it goes in the path or query. */
  url: string;
  /** The JSON body, for a probe of a body field. */
  body?: unknown;
}

type JsonObject = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const NUL_TEXT = 'a\u0000b';
/** What stands in for a path parameter that is not probed: it matches ObjectId patterns. */
const PLACEHOLDER = '0123456789abcdef01234567';
const MAX_DEPTH = 6;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string schema other than a file's bytes (`format: binary`, which may hold any byte). */
function isText(schema: JsonObject): boolean {
  const { type } = schema;
  const isString = type === 'string' || (Array.isArray(type) && type.includes('string'));
  return isString && schema.format !== 'binary';
}

/** Builds the probes of `document`; `exclude` drops operations by `METHOD /path` (e.g. `POST /webhooks`). */
export function nulTextProbes(document: OpenApiDocument, exclude: RegExp[] = []): TextProbe[] {
  const root = document as unknown as JsonObject;
  const deref = (node: unknown): JsonObject | undefined => {
    if (!isObject(node)) return undefined;
    if (typeof node.$ref !== 'string' || !node.$ref.startsWith('#/')) return node;
    let target: unknown = root;
    for (const part of node.$ref.slice(2).split('/')) target = isObject(target) ? target[part] : undefined;
    return deref(target);
  };

  /** Every path to a string inside `schema`, with the JSON value that puts the NUL there. */
  const textPaths = (schema: unknown, depth = 0): { path: string[]; value: unknown }[] => {
    const node = deref(schema);
    if (!node || depth > MAX_DEPTH) return [];
    if (isText(node)) return [{ path: [], value: NUL_TEXT }];
    const found: { path: string[]; value: unknown }[] = [];
    for (const branch of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = node[branch];
      if (Array.isArray(list)) for (const sub of list) found.push(...textPaths(sub, depth + 1));
    }
    if (isObject(node.properties)) {
      for (const [key, sub] of Object.entries(node.properties)) {
        for (const inner of textPaths(sub, depth + 1)) {
          found.push({ path: [key, ...inner.path], value: { [key]: inner.value } });
        }
      }
    }
    if (node.items !== undefined) {
      for (const inner of textPaths(node.items, depth + 1)) {
        found.push({ path: ['0', ...inner.path], value: [inner.value] });
      }
    }
    if (isObject(node.additionalProperties)) {
      for (const inner of textPaths(node.additionalProperties, depth + 1)) {
        found.push({ path: ['k', ...inner.path], value: { k: inner.value } });
      }
    }
    // The same field reached through two branches is probed once.
    return [...new Map(found.map((entry) => [entry.path.join('.'), entry])).values()];
  };

  const probes: TextProbe[] = [];
  for (const [template, pathItem] of Object.entries(root.paths ?? {})) {
    if (!isObject(pathItem)) continue;
    for (const method of METHODS) {
      const operation = deref(pathItem[method]);
      if (!operation || exclude.some((rule) => rule.test(`${method.toUpperCase()} ${template}`))) continue;
      const parameters = [pathItem.parameters, operation.parameters]
        .flatMap((list) => (Array.isArray(list) ? list : []))
        .map(deref)
        .filter((parameter): parameter is JsonObject => parameter !== undefined);
      const urlWith = (name: string, where: string) => {
        const path = template.replace(/\{([^}]+)\}/g, (_match, param: string) =>
          where === 'path' && param === name ? encodeURIComponent(NUL_TEXT) : PLACEHOLDER,
        );
        return where === 'query' ? `${path}?${encodeURIComponent(name)}=${encodeURIComponent(NUL_TEXT)}` : path;
      };
      for (const parameter of parameters) {
        const where = String(parameter.in);
        if ((where !== 'path' && where !== 'query') || textPaths(parameter.schema).length === 0) continue;
        const name = String(parameter.name);
        probes.push({
          method,
          template,
          field: `${where === 'path' ? 'params' : 'query'}.${name}`,
          url: urlWith(name, where),
        });
      }
      const json = deref(deref(operation.requestBody)?.content);
      const bodySchema = isObject(json?.['application/json']) ? json['application/json'].schema : undefined;
      for (const { path, value } of textPaths(bodySchema)) {
        probes.push({ method, template, field: ['body', ...path].join('.'), url: urlWith('', 'body'), body: value });
      }
    }
  }
  return probes;
}

export interface SendProbesOptions {
  /** Headers for one probe (credentials, a cart token); none by default. */
  headers?: (probe: TextProbe) => Record<string, string>;
  /** The status a refused field gets (RealWorld's mount answers 422). */
  status?: number;
  /** The fields an answer names; defaults to a problem's `errors[].field`. */
  fieldsOf?: (body: unknown) => string[];
}

function problemFields(body: unknown): string[] {
  const errors = isObject(body) && Array.isArray(body.errors) ? body.errors : [];
  return errors.map((error) => (isObject(error) ? String(error.field) : ''));
}

/**
 * Sends every probe and answers one line per probe that was not refused as it should be (status and
 * the field named), e.g. `GET /api/v1/movies query.q: 500 []`; an empty list means every field held.
 */
export async function unrefusedProbes(app: Express, probes: TextProbe[], options: SendProbesOptions = {}) {
  const { headers = () => ({}), status = 400, fieldsOf = problemFields } = options;
  const failures: string[] = [];
  const server = await listen(app);
  try {
    for (const probe of probes) {
      const res = await fetch(`${server.url}${probe.url}`, {
        method: probe.method.toUpperCase(),
        headers: { ...(probe.body === undefined ? {} : { 'content-type': 'application/json' }), ...headers(probe) },
        ...(probe.body === undefined ? {} : { body: JSON.stringify(probe.body) }),
      });
      const fields = fieldsOf(await res.json().catch(() => undefined));
      if (res.status !== status || !fields.includes(probe.field)) {
        failures.push(
          `${probe.method.toUpperCase()} ${probe.template} ${probe.field}: ${res.status} ${JSON.stringify(fields)}`,
        );
      }
    }
  } finally {
    await server.close();
  }
  return failures;
}
