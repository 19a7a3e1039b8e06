/**
 * The part of JSON Schema 2020-12 that the generated OpenAPI documents use, and reading it: `$ref`s
 * into the document resolved, the types a schema admits.
 */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  minProperties?: number;
  maxProperties?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  not?: JsonSchema;
  default?: unknown;
  example?: unknown;
  examples?: unknown[];
  description?: string;
}

/** Follows `#/...` references inside one document. */
export type Resolve = (schema: JsonSchema) => JsonSchema;

export function createResolver(document: unknown): Resolve {
  const resolve: Resolve = (schema) => {
    let current = schema;
    for (let hops = 0; current.$ref !== undefined; hops += 1) {
      if (hops > 20 || !current.$ref.startsWith('#/')) throw new Error(`cannot resolve ${current.$ref}`);
      current = pointerGet(document, current.$ref.slice(2)) as JsonSchema;
      if (current === undefined) throw new Error(`no schema at ${schema.$ref}`);
    }
    return current;
  };
  return resolve;
}

export function pointerGet(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split('/').filter((part) => part !== '')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object', 'null'] as const;
export type JsonType = (typeof JSON_TYPES)[number];

/** The types a (resolved) schema admits; one without `type` admits what its keywords suggest. */
export function typesOf(schema: JsonSchema): JsonType[] {
  if (schema.type !== undefined) {
    const list = Array.isArray(schema.type) ? schema.type : [schema.type];
    return list.filter((type): type is JsonType => (JSON_TYPES as readonly string[]).includes(type));
  }
  if (schema.enum) return [...new Set(schema.enum.map(jsonTypeOf))];
  if (schema.const !== undefined) return [jsonTypeOf(schema.const)];
  if (schema.properties || schema.additionalProperties !== undefined) return ['object'];
  if (schema.items) return ['array'];
  if (schema.pattern !== undefined || schema.format !== undefined || schema.maxLength !== undefined) return ['string'];
  if (schema.minimum !== undefined || schema.maximum !== undefined) return ['number'];
  return [];
}

export function jsonTypeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'object') {
    return typeof value as JsonType;
  }
  return 'null';
}

/**
 * The alternatives of a union schema; none for a schema that has its own type or members and uses
 * `anyOf` only as an extra rule (`at least one of these fields`).
 */
export function unionBranches(schema: JsonSchema): JsonSchema[] | undefined {
  const branches = schema.anyOf ?? schema.oneOf;
  if (!branches || branches.length === 0) return undefined;
  if (schema.type !== undefined || schema.properties !== undefined) return undefined;
  return branches;
}
