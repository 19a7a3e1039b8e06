import { buildOpenApiDocument, createApiRegistry, jsonBody, jsonResponse, objectIdSchema } from '@roadmap/core';
import { z } from 'zod';
import { checkOpenApiDocument } from './document-check.js';

/** A one-operation document: POST /things/{id}?limit= with the given body and id schemas. */
function documentWith(parts: { body?: z.ZodType; id?: z.ZodType; limit?: z.ZodType }) {
  const registry = createApiRegistry();
  registry.registerPath({
    method: 'post',
    path: '/things/{id}',
    request: {
      params: z.object({ id: parts.id ?? objectIdSchema('id') }),
      query: z.object({ limit: parts.limit ?? z.coerce.number().int().min(1).optional() }),
      body: jsonBody(parts.body ?? z.strictObject({ name: z.string().meta({ example: 'Ada' }) })),
    },
    responses: { 200: jsonResponse('OK.', z.object({ ok: z.boolean() })) },
  });
  return buildOpenApiDocument(registry, { title: 't', version: '1', description: 'd' });
}

describe('checkOpenApiDocument', () => {
  it('finds nothing wrong in a document with usable patterns, examples and parameters', async () => {
    expect(await checkOpenApiDocument(documentWith({}))).toEqual([]);
  });

  it('names a pattern that still holds a JavaScript regex flag, and the example it then refuses', async () => {
    const id = z
      .string()
      .regex(/^[0-9a-f]{24}$/i)
      .meta({ example: '665f1c2ab3d4e5f601234567' });

    const problems = await checkOpenApiDocument(documentWith({ id }));

    expect(problems).toEqual([
      expect.stringMatching(/path parameter id .*pattern "\^\[0-9a-f\]\{24\}\$\/i" holds a JavaScript regex literal/),
      expect.stringMatching(/path parameter id .*example "665f1c2ab3d4e5f601234567" does not match its schema/),
    ]);
  });

  it('names a query parameter typed null, which a query string cannot carry', async () => {
    const limit = z.coerce.number().int().nullable().optional();

    expect(await checkOpenApiDocument(documentWith({ limit }))).toEqual([
      expect.stringMatching(/query parameter limit: typed null/),
    ]);
  });

  it('names a request string that Swagger UI would show as "string"', async () => {
    const body = z.strictObject({ name: z.string(), email: z.email(), role: z.enum(['a', 'b']) });

    expect(await checkOpenApiDocument(documentWith({ body }))).toEqual([
      'POST /things/{id} body.name: Swagger UI shows "string"; give the schema an example',
    ]);
  });

  it('names an example its schema refuses', async () => {
    const body = z.strictObject({ name: z.string().max(3) }).meta({ example: { name: 'too long' } });

    expect(await checkOpenApiDocument(documentWith({ body }))).toEqual([
      expect.stringMatching(/request body .*example \{"name":"too long"\} does not match its schema/),
    ]);
  });
});
