import { z } from 'zod';
import { buildOpenApiDocument, createApiRegistry, jsonBody, jsonResponse } from './openapi.js';
import { NUL_FREE_PATTERN } from './text-input.js';

/** A document with one operation whose request has strings of every kind, and a response-only schema. */
function documentWithStrings() {
  const registry = createApiRegistry();
  const Address = z.object({ name: z.string().min(1), zip: z.string().regex(/^[0-9]{4}$/) }).meta({ id: 'Address' });
  const Answer = z.object({ note: z.string() }).meta({ id: 'Answer' });
  registry.registerPath({
    method: 'post',
    path: '/orders/{id}',
    request: {
      params: z.object({ id: z.string() }),
      query: z.object({ q: z.string().optional(), status: z.enum(['open', 'closed']).optional() }),
      headers: z.object({ 'idempotency-key': z.string().optional() }),
      body: jsonBody(
        z.object({
          address: Address,
          email: z.email(),
          notes: z.array(z.string()),
          gift: z.union([z.string(), z.number()]).optional(),
          kind: z.literal('web'),
        }),
      ),
    },
    responses: { 200: jsonResponse('Done.', Answer) },
  });
  return buildOpenApiDocument(registry, { title: 't', version: '1', description: 'd' });
}

describe('the NUL rule in OpenAPI documents', () => {
  const document = documentWithStrings();
  const operation = document.paths?.['/orders/{id}']?.post;
  const schemas = document.components?.schemas as Record<string, { properties: Record<string, unknown> }>;
  const body = (
    operation?.requestBody as { content: Record<string, { schema: { properties: Record<string, unknown> } }> }
  ).content['application/json']?.schema.properties;

  it('gives every free-text string of a request, parameters included, the NUL-free pattern', () => {
    const parameters = (operation?.parameters ?? []) as { name: string; schema: { pattern?: string } }[];

    expect(Object.fromEntries(parameters.map((p) => [p.name, p.schema.pattern]))).toEqual({
      id: NUL_FREE_PATTERN,
      q: NUL_FREE_PATTERN,
      status: undefined,
      'idempotency-key': NUL_FREE_PATTERN,
    });
    expect(body?.notes).toMatchObject({ items: { pattern: NUL_FREE_PATTERN } });
    expect(body?.gift).toMatchObject({ anyOf: [{ type: 'string', pattern: NUL_FREE_PATTERN }, { type: 'number' }] });
    expect(schemas.Address?.properties.name).toMatchObject({ pattern: NUL_FREE_PATTERN });
  });

  it('leaves strings with a rule of their own (pattern, format, fixed values) and response-only schemas alone', () => {
    expect(schemas.Address?.properties.zip).toMatchObject({ pattern: '^[0-9]{4}$' });
    expect(body?.email).not.toHaveProperty('pattern');
    expect(body?.kind).not.toHaveProperty('pattern');
    expect(schemas.Answer?.properties.note).not.toHaveProperty('pattern');
  });

  it('gives a pattern that refuses NUL and accepts any other text', () => {
    const pattern = new RegExp(NUL_FREE_PATTERN, 'u');

    expect(pattern.test('Ada Lovelace, Rua 1\n\u00e9\u{1F3AC}')).toBe(true);
    expect(pattern.test('a\u0000b')).toBe(false);
  });
});
