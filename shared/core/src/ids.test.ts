import { IdParamsSchema, objectIdSchema } from './ids.js';

describe('objectIdSchema', () => {
  it('accepts 24 hex characters and names the field otherwise', () => {
    expect(objectIdSchema('showId').safeParse('665f1c2ab3d4e5f601234567').success).toBe(true);
    expect(objectIdSchema('showId').safeParse('665f1c2ab3d4e5f60123456z').error?.issues[0]?.message).toBe(
      'showId must be an id (24 hex characters)',
    );
  });
});

describe('IdParamsSchema', () => {
  it('names the id path parameter when it is not an ObjectId', () => {
    const result = IdParamsSchema.safeParse({ id: 'nope' });

    expect(result.error?.issues[0]).toMatchObject({ path: ['id'], message: 'id must be an id (24 hex characters)' });
  });
});
