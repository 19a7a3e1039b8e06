/**
 * Checks a generated OpenAPI document as a client generator would read it: valid OpenAPI 3.1 (by
 * @readme/openapi-parser), every `pattern` an ECMA-262 regex with no JavaScript flags left in it,
 * every example valid against its own schema, parameters whose schemas their place can carry, and
 * request bodies whose Swagger UI sample is made of real examples rather than "string".
 */
import type { OpenApiDocument } from '@roadmap/core';
import { validate as validateOpenApi } from '@readme/openapi-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { createResolver, escapePointer, typesOf, unionBranches, type JsonSchema, type Resolve } from './json-schema.js';
import type { OperationObject } from './operations.js';

const DOC_ID = 'https://document-check.test/openapi.json';
/** What a JavaScript regex literal leaves behind when its `toString()` is used as a pattern. */
const LEFTOVER_FLAGS = /(^\/)|(\/[dgimsuvy]+$)/;
/** Formats whose Swagger UI sample is a real-looking value (user@example.com, a UUID, today). */
const SAMPLED_FORMATS = new Set(['email', 'uuid', 'date', 'date-time', 'uri', 'url', 'binary']);

type Visit = (schema: JsonSchema, pointer: string[], examplesAbove: boolean) => void;

/** Calls `visit` on `schema` and every schema inside it (members, items, branches, `not`). */
function walkSchema(schema: JsonSchema, pointer: string[], visit: Visit, examplesAbove = false): void {
  if (typeof schema !== 'object' || schema === null) return;
  visit(schema, pointer, examplesAbove);
  const below = examplesAbove || schema.example !== undefined || schema.examples !== undefined;
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    walkSchema(property, [...pointer, 'properties', name], visit, below);
  }
  if (schema.items) walkSchema(schema.items, [...pointer, 'items'], visit, below);
  if (typeof schema.additionalProperties === 'object') {
    walkSchema(schema.additionalProperties, [...pointer, 'additionalProperties'], visit, below);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    schema[key]?.forEach((branch, index) => walkSchema(branch, [...pointer, key, String(index)], visit, below));
  }
  if (schema.not) walkSchema(schema.not, [...pointer, 'not'], visit, below);
}

interface Located {
  schema: JsonSchema;
  pointer: string[];
  /** Set for a request body's schema: `POST /x`. */
  requestOf?: string;
  parameter?: { name: string; in: string; required: boolean; example?: unknown };
  where: string;
}

/** Every schema root of the document: components, parameters, request and response bodies. */
function schemaRoots(document: OpenApiDocument): Located[] {
  const roots: Located[] = [];
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    roots.push({ schema: schema as JsonSchema, pointer: ['components', 'schemas', name], where: `schema ${name}` });
  }
  for (const [template, item] of Object.entries(document.paths ?? {})) {
    for (const [method, value] of Object.entries(item as Record<string, unknown>)) {
      if (typeof value !== 'object' || value === null || !('responses' in value)) continue;
      const operation = value as OperationObject & {
        responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
      };
      const name = `${method.toUpperCase()} ${template}`;
      const base = ['paths', template, method];
      (operation.parameters ?? []).forEach((parameter, index) => {
        if ('$ref' in parameter || !parameter.schema) return;
        roots.push({
          schema: parameter.schema,
          pointer: [...base, 'parameters', String(index), 'schema'],
          parameter: {
            name: parameter.name,
            in: parameter.in,
            required: parameter.required === true,
            example: (parameter as { example?: unknown }).example,
          },
          where: `${name} ${parameter.in} parameter ${parameter.name}`,
        });
      });
      for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
        if (!media.schema) continue;
        roots.push({
          schema: media.schema,
          pointer: [...base, 'requestBody', 'content', type, 'schema'],
          requestOf: /json/.test(type) ? name : undefined,
          where: `${name} request body`,
        });
      }
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          if (!media.schema) continue;
          roots.push({
            schema: media.schema,
            pointer: [...base, 'responses', status, 'content', type, 'schema'],
            where: `${name} ${status} body`,
          });
        }
      }
    }
  }
  return roots;
}

function checkPattern(pattern: string, where: string): string[] {
  if (LEFTOVER_FLAGS.test(pattern)) {
    return [`${where}: pattern ${JSON.stringify(pattern)} holds a JavaScript regex literal's slashes or flags`];
  }
  try {
    new RegExp(pattern, 'u');
    return [];
  } catch (err) {
    return [`${where}: pattern ${JSON.stringify(pattern)} is no ECMA-262 regex (${(err as Error).message})`];
  }
}

/** A query string, a path segment, a header or a cookie carries text: no null, no object. */
function checkParameter(located: Located, resolve: Resolve): string[] {
  const parameter = located.parameter;
  if (!parameter) return [];
  const problems: string[] = [];
  if (parameter.in === 'path' && !parameter.required)
    problems.push(`${located.where}: a path parameter must be required`);
  const schema = resolve(located.schema);
  const branches = unionBranches(schema) ?? [schema];
  const types = branches.flatMap((branch) => typesOf(resolve(branch)));
  for (const type of ['null', 'object'] as const) {
    if (types.includes(type)) problems.push(`${located.where}: typed ${type}, which a ${parameter.in} cannot carry`);
  }
  return problems;
}

/** Strings of a request body for which Swagger UI would print "string". */
function stringsWithoutExample(located: Located, resolve: Resolve): string[] {
  if (!located.requestOf) return [];
  const gaps: string[] = [];
  const seen = new Set<JsonSchema>();
  const visit = (raw: JsonSchema, path: string, examplesAbove: boolean): void => {
    const schema = resolve(raw);
    if (seen.has(schema)) return;
    const here = examplesAbove || schema.example !== undefined || schema.examples !== undefined;
    const types = typesOf(schema);
    if (
      types.includes('string') &&
      !here &&
      schema.default === undefined &&
      schema.enum === undefined &&
      schema.const === undefined &&
      !(schema.format !== undefined && SAMPLED_FORMATS.has(schema.format))
    ) {
      gaps.push(`${located.requestOf} ${path}: Swagger UI shows "string"; give the schema an example`);
    }
    seen.add(schema);
    for (const [name, property] of Object.entries(schema.properties ?? {})) visit(property, `${path}.${name}`, here);
    if (schema.items) visit(schema.items, `${path}[]`, here);
    for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) visit(branch, path, here);
    seen.delete(schema);
  };
  visit(located.schema, 'body', false);
  return gaps;
}

/** Every problem found in `document`; empty when a client generator can trust it. */
export async function checkOpenApiDocument(document: OpenApiDocument): Promise<string[]> {
  const problems: string[] = [];
  // The parser dereferences what it validates: it gets a copy.
  const result = await validateOpenApi(structuredClone(document) as Parameters<typeof validateOpenApi>[0]);
  if (!result.valid) problems.push(...result.errors.map((error) => `OpenAPI: ${error.message}`));

  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: DOC_ID });
  const resolve = createResolver(document);
  const validatorAt = (pointer: string[]) => ajv.getSchema(`${DOC_ID}#/${pointer.map(escapePointer).join('/')}`);
  const exampleProblems = (example: unknown, pointer: string[], where: string): string[] => {
    const validate = validatorAt(pointer);
    if (!validate || validate(example)) return [];
    const reasons = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
    return [`${where}: example ${JSON.stringify(example)} does not match its schema (${reasons})`];
  };

  for (const located of schemaRoots(document)) {
    walkSchema(located.schema, located.pointer, (schema, pointer) => {
      const where = `${located.where} at #/${pointer.join('/')}`;
      if (typeof schema.pattern === 'string') problems.push(...checkPattern(schema.pattern, where));
      if (schema.example !== undefined) problems.push(...exampleProblems(schema.example, pointer, where));
      for (const example of schema.examples ?? []) problems.push(...exampleProblems(example, pointer, where));
    });
    if (located.parameter?.example !== undefined) {
      problems.push(...exampleProblems(located.parameter.example, located.pointer, located.where));
    }
    problems.push(...checkParameter(located, resolve), ...stringsWithoutExample(located, resolve));
  }
  return [...new Set(problems)];
}
