/**
 * The operations of an OpenAPI document as the request generator needs them: each parameter and the
 * JSON body with its schema and a validator compiled from the document itself (Ajv, the same one that
 * checks responses), so "valid" always means what the published document says.
 */
import type { OpenApiDocument } from '@roadmap/core';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { createResolver, escapePointer, typesOf, unionBranches, type JsonSchema, type Resolve } from './json-schema.js';

export type ParameterPlace = 'path' | 'query' | 'header' | 'cookie';

export interface ParameterSpec {
  name: string;
  in: ParameterPlace;
  required: boolean;
  schema: JsonSchema;
  /** Checks a value as the parameter's text reads (numbers and booleans parsed). */
  accepts(text: string | string[]): boolean;
}

export interface BodySpec {
  mediaType: string;
  required: boolean;
  schema: JsonSchema;
  accepts(value: unknown): boolean;
}

export interface OperationSpec {
  /** `GET /api/v1/notes/{id}` */
  name: string;
  method: string;
  template: string;
  parameters: ParameterSpec[];
  /** The JSON body, when the operation takes one. */
  body?: BodySpec;
  /** A body in another media type (a file upload): not generated. */
  otherBody?: string;
  /** Whether a caller must authenticate (the operation lists security with no anonymous option). */
  secured: boolean;
  /** Whether a caller may authenticate (the operation lists security, perhaps with an anonymous option). */
  authenticates: boolean;
  /** The document's operation object, for callers that need more (tags, security schemes). */
  operation: OperationObject;
}

interface ParameterObject {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
}

export interface OperationObject {
  parameters?: (ParameterObject | { $ref: string })[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  security?: Record<string, string[]>[];
  tags?: string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;
const DOC_ID = 'https://request-conformance.test/openapi.json';

/** The value Ajv should see for a parameter's text: numbers and booleans parsed where the schema wants them. */
export function parameterValue(text: string, schema: JsonSchema, resolve: Resolve): unknown {
  const resolved = resolve(schema);
  const branches = unionBranches(resolved);
  const types = branches ? branches.flatMap((branch) => typesOf(resolve(branch))) : typesOf(resolved);
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

export interface DocumentOperations {
  operations: OperationSpec[];
  resolve: Resolve;
}

export function readOperations(document: OpenApiDocument): DocumentOperations {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: DOC_ID });
  const resolve = createResolver(document);
  const validatorAt = (pointer: string[]): ValidateFunction => {
    const validate = ajv.getSchema(`${DOC_ID}#/${pointer.map(escapePointer).join('/')}`);
    if (!validate) throw new Error(`no schema at ${pointer.join('/')}`);
    return validate;
  };

  const operations: OperationSpec[] = [];
  for (const [template, item] of Object.entries(document.paths ?? {})) {
    const pathItem = item as Record<string, OperationObject | undefined>;
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const base = ['paths', template, method];
      const parameters = (operation.parameters ?? []).map((entry, index): ParameterSpec => {
        if ('$ref' in entry) throw new Error(`${method} ${template}: parameter references are not supported`);
        const schema = entry.schema ?? {};
        const validate = validatorAt([...base, 'parameters', String(index), 'schema']);
        return {
          name: entry.name,
          in: entry.in as ParameterPlace,
          required: entry.required === true,
          schema,
          accepts: (text) =>
            validate(
              Array.isArray(text)
                ? text.map((item) => parameterValue(item, resolve(schema).items ?? {}, resolve))
                : parameterValue(text, schema, resolve),
            ),
        };
      });
      const content = operation.requestBody?.content ?? {};
      const jsonType = Object.keys(content).find((type) => /^application\/(.+\+)?json$/.test(type));
      const otherType = Object.keys(content).find((type) => type !== jsonType);
      let body: BodySpec | undefined;
      if (jsonType) {
        const validate = validatorAt([...base, 'requestBody', 'content', jsonType, 'schema']);
        body = {
          mediaType: jsonType,
          required: operation.requestBody?.required === true,
          schema: content[jsonType]?.schema ?? {},
          accepts: (value) => validate(value),
        };
      }
      const security = operation.security ?? [];
      operations.push({
        name: `${method.toUpperCase()} ${template}`,
        method,
        template,
        parameters,
        ...(body ? { body } : {}),
        ...(otherType && !jsonType ? { otherBody: otherType } : {}),
        secured: security.length > 0 && !security.some((requirement) => Object.keys(requirement).length === 0),
        authenticates: security.some((requirement) => Object.keys(requirement).length > 0),
        operation,
      });
    }
  }
  return { operations, resolve };
}
