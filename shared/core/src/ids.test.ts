import { z } from 'zod';
import { IdParamsSchema, objectIdSchema, uuidSchema } from './ids.js';
import { buildOpenApiDocument, createApiRegistry } from './openapi.js';

describe('objectIdSchema', () => {
  it('accepts 24 hex characters in either case and names the field otherwise', () => {
    expect(objectIdSchema('showId').safeParse('665f1c2ab3d4e5f601234567').success).toBe(true);
    expect(objectIdSchema('showId').safeParse('665F1C2AB3D4E5F601234567').success).toBe(true);
    expect(objectIdSchema('showId').safeParse('665f1c2ab3d4e5f60123456z').error?.issues[0]?.message).toBe(
      'showId must be an id (24 hex characters)',
    );
  });

  it('is documented with a pattern that is a plain ECMA-262 regex matching the example', () => {
    const registry = createApiRegistry();
    registry.register('Ref', z.object({ id: objectIdSchema('id') }).meta({ id: 'Ref' }));
    const document = buildOpenApiDocument(registry, { title: 't', version: '1', description: 'd' });
    const id = (document.components?.schemas?.Ref as { properties: { id: { pattern: string; example: string } } })
      .properties.id;

    expect(id.pattern).toBe('^[0-9a-fA-F]{24}$');
    expect(new RegExp(id.pattern, 'u').test(id.example)).toBe(true);
  });
});

describe('IdParamsSchema', () => {
  it('names the id path parameter when it is not an ObjectId', () => {
    const result = IdParamsSchema.safeParse({ id: 'nope' });

    expect(result.error?.issues[0]).toMatchObject({ path: ['id'], message: 'id must be an id (24 hex characters)' });
  });
});

describe('uuidSchema', () => {
  it('accepts any well-formed UUID, whatever its version digit, and names the field otherwise', () => {
    expect(uuidSchema('id').safeParse('e09f9945-8c62-d8ab-3f60-7412a83b4383').success).toBe(true);
    expect(uuidSchema('id').safeParse('E09F9945-8C62-48AB-8F60-7412A83B4383').success).toBe(true);
    expect(uuidSchema('id').safeParse('e09f9945-8c62-d8ab-3f60').error?.issues[0]?.message).toBe('id must be a UUID');
  });
});
