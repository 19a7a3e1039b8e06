import { z } from 'zod';
import { buildOpenApiDocument, createApiRegistry } from './openapi.js';
import { atLeastOneField, blankWhenTrimmedPattern, emailAddress, nonBlank, queryInteger } from './contract-fields.js';

describe('blankWhenTrimmedPattern', () => {
  it.each([1, 2, 3, 5])('matches exactly the strings shorter than %i once trimmed', (min) => {
    const pattern = new RegExp(blankWhenTrimmedPattern(min), 'u');
    const samples = ['', ' ', '\t\n', 'a', ' a ', 'ab', ' a b ', 'abc', '  a  bc  ', 'abcd', 'abcde', ' a\nb c d e '];

    for (const sample of samples) {
      expect([sample, pattern.test(sample)]).toEqual([sample, sample.trim().length < min]);
    }
  });
});

describe('nonBlank', () => {
  it('keeps the validation and documents it: too short once trimmed is refused', () => {
    const schema = nonBlank(z.string().trim().min(3).max(10));

    expect(schema.safeParse('  ab ').success).toBe(false);
    expect(schema.safeParse(' abc ').data).toBe('abc');
    expect(z.toJSONSchema(schema)).toMatchObject({ minLength: 3, not: { pattern: blankWhenTrimmedPattern(3) } });
  });
});

describe('emailAddress', () => {
  it('trims and lower-cases, and refuses what its documented pattern refuses', () => {
    const pattern = new RegExp(z.regexes.email.source, 'u');

    expect(emailAddress().parse('  Demo@Example.COM ')).toBe('demo@example.com');
    for (const candidate of ['a!b@example.com', 'a@b.c1', '"q"@example.com', 'demo@example.com']) {
      expect([candidate, emailAddress().safeParse(candidate).success]).toEqual([candidate, pattern.test(candidate)]);
    }
  });
});

describe('atLeastOneField', () => {
  it('refuses an empty patch, and one with only unknown (stripped) members', () => {
    const strict = atLeastOneField(z.strictObject({ a: z.string().optional() }));
    const loose = atLeastOneField(z.object({ a: z.string().optional() }));

    expect(strict.safeParse({}).success).toBe(false);
    expect(loose.safeParse({ other: 1 }).success).toBe(false);
    expect(loose.safeParse({ a: 'x' }).success).toBe(true);
  });
});

describe('queryInteger', () => {
  it('reads decimal integers only, within bounds, and is documented as a non-nullable integer', () => {
    const offset = queryInteger({ min: 0, max: 10 });

    expect(offset.parse('7')).toBe(7);
    for (const text of ['', 'abc', '1.5', '11', '-1', ' '])
      expect([text, offset.safeParse(text).success]).toEqual([text, false]);
    const registry = createApiRegistry();
    registry.registerPath({
      method: 'get',
      path: '/x',
      request: { query: z.object({ offset: offset.default(0) }) },
      responses: { 200: { description: 'OK.' } },
    });
    const document = buildOpenApiDocument(registry, { title: 't', version: '1', description: 'd' });
    expect(document.paths?.['/x']?.get?.parameters?.[0]).toMatchObject({
      schema: { type: 'integer', minimum: 0, maximum: 10, default: 0 },
    });
  });
});
