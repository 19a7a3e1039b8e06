/**
 * States in an OpenAPI document the rule `validate()` applies to every text a client sends: no NUL
 * characters. Each string a request can carry (parameters and bodies, and the components they refer
 * to) that has no rule of its own (a pattern, a format or a fixed set of values, all of which already
 * exclude NUL) gets the pattern `^[^\u0000]*$`, so a client generated from the document, or a request
 * built from it, never sends what the API refuses.
 */
import { NUL_FREE_PATTERN } from './text-input.js';

type JsonObject = Record<string, unknown>;

const OPERATIONS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Keywords whose value is one subschema, or a list or map of subschemas. */
const ONE_SCHEMA = ['items', 'additionalProperties', 'then', 'else', 'contains', 'propertyNames'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs'];

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFreeText(schema: JsonObject): boolean {
  const { type } = schema;
  const isString = type === 'string' || (Array.isArray(type) && type.includes('string'));
  return isString && !('pattern' in schema) && !('format' in schema) && !('enum' in schema) && !('const' in schema);
}

/** The document's component a local `$ref` (`#/components/schemas/Movie`) names, if any. */
function resolve(document: JsonObject, ref: string): JsonObject | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = document;
  for (const part of ref.slice(2).split('/')) {
    node = isObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  return isObject(node) ? node : undefined;
}

/**
 * A copy of `document` in which every free-text string of a request carries the NUL-free pattern.
 * `not` and `if` are left alone: a pattern there would mean the opposite, or decide a branch.
 */
export function withNulFreeRequestText<D extends object>(document: D): D {
  const copy = structuredClone(document) as D & JsonObject;
  const seen = new Set<JsonObject>();

  const visitSchema = (schema: unknown): void => {
    if (!isObject(schema) || seen.has(schema)) return;
    seen.add(schema);
    if (typeof schema.$ref === 'string') visitSchema(resolve(copy, schema.$ref));
    if (isFreeText(schema)) schema.pattern = NUL_FREE_PATTERN;
    for (const key of ONE_SCHEMA) visitSchema(schema[key]);
    for (const key of SCHEMA_LISTS) if (Array.isArray(schema[key])) schema[key].forEach(visitSchema);
    for (const key of SCHEMA_MAPS) if (isObject(schema[key])) Object.values(schema[key]).forEach(visitSchema);
  };
  const visitContent = (holder: unknown): void => {
    const target = isObject(holder) && typeof holder.$ref === 'string' ? resolve(copy, holder.$ref) : holder;
    if (!isObject(target)) return;
    if ('schema' in target) visitSchema(target.schema);
    if (isObject(target.content)) for (const media of Object.values(target.content)) visitContent(media);
  };

  const paths = isObject(copy.paths) ? Object.values(copy.paths) : [];
  for (const pathItem of paths.filter(isObject)) {
    const operations = OPERATIONS.map((method) => pathItem[method]).filter(isObject);
    for (const holder of [pathItem, ...operations]) {
      if (Array.isArray(holder.parameters)) holder.parameters.forEach(visitContent);
      visitContent(holder.requestBody);
    }
  }
  return copy;
}
