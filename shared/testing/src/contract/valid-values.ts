/**
 * fast-check arbitraries of values a JSON Schema accepts, as the document states it: lengths, patterns,
 * formats, enums, bounds, required and optional properties. Generation leans on the edges a validator
 * and its document disagree on: blank and space-padded text, empty objects and arrays, bounds, any
 * UUID version. Values are only proposals: the caller keeps those the document's own validator (Ajv)
 * accepts, so a loose guess here never becomes a false alarm.
 */
import { NUL_FREE_PATTERN } from '@roadmap/core';
import fc from 'fast-check';
import { typesOf, unionBranches, type JsonSchema, type JsonType, type Resolve } from './json-schema.js';

/** Where a value travels decides which characters it may hold. */
export type Place = 'body' | 'query' | 'path' | 'header' | 'cookie';

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const PUNCTUATION = ' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
/** Outside ASCII but inside the BMP, so a JavaScript length is a JSON Schema length. */
const NON_ASCII = 'éßжñ中語ü';
const SPACES = ' \t\n';
/** RFC 6265 cookie-octets. */
const COOKIE_CHARS = LETTERS + "!#$%&'()*+-./:<=>?@[]^_`{|}~";
/** Visible ASCII (a header value, trimmed by every HTTP parser). */
const HEADER_CHARS = LETTERS + PUNCTUATION.slice(1);

function charsOf(alphabet: string): fc.Arbitrary<string> {
  return fc.constantFrom(...alphabet);
}

function textChar(place: Place): fc.Arbitrary<string> {
  if (place === 'cookie') return charsOf(COOKIE_CHARS);
  if (place === 'header') return charsOf(HEADER_CHARS);
  return fc.oneof(
    { arbitrary: charsOf(LETTERS), weight: 8 },
    { arbitrary: charsOf(PUNCTUATION), weight: 2 },
    { arbitrary: charsOf(NON_ASCII), weight: 1 },
    { arbitrary: charsOf(SPACES), weight: 1 },
  );
}

/** The characters each place can carry as they are; `undefined` for any. */
function placeAlphabet(place: Place): RegExp | undefined {
  if (place === 'cookie') return /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;
  // A header value: visible ASCII with spaces inside, none around (parsers trim them).
  if (place === 'header') return /^(?:[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?)?$/;
  return undefined;
}

/** Free text of `min`..`max` characters: often short, sometimes blank or padded, sometimes at `max`. */
function textArbitrary(place: Place, min: number, max: number | undefined): fc.Arbitrary<string> {
  const unit = textChar(place);
  const cap = Math.min(max ?? min + 40, min + 40);
  const plain = fc.string({ unit, minLength: min, maxLength: Math.max(min, cap) });
  const options: fc.WeightedArbitrary<string>[] = [{ arbitrary: plain, weight: 6 }];
  if (place === 'body' || place === 'query' || place === 'path') {
    // Blank and space-padded text: what a `.trim()` before the length check turns into something else.
    const blankMax = Math.min(max ?? min + 3, Math.max(min, 1) + 3);
    if (blankMax >= Math.max(min, 1)) {
      options.push({
        arbitrary: fc.string({ unit: charsOf(SPACES), minLength: Math.max(min, 1), maxLength: blankMax }),
        weight: 1,
      });
    }
    options.push({ arbitrary: plain.map((text) => ` ${text} `), weight: 1 });
  }
  if (max !== undefined && max <= 1000 && max >= min) {
    options.push({ arbitrary: fc.string({ unit, minLength: max, maxLength: max }), weight: 1 });
  }
  return fc.oneof(...options);
}

const HEX = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
// Ajv's `email` format (ajv-formats' full mode), its `i` flag spelled out for fast-check.
const EMAIL_ATOM = "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]+";
const EMAIL_LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?';
const EMAIL = new RegExp(`^${EMAIL_ATOM}(?:\\.${EMAIL_ATOM})*@(?:${EMAIL_LABEL}\\.)+${EMAIL_LABEL}$`);

const instant = fc.date({
  min: new Date('1970-01-01T00:00:00.000Z'),
  max: new Date('2099-12-31T23:59:59.999Z'),
  noInvalidDate: true,
});

/** RFC 3339 date-times as clients write them: `Z` or an offset, with or without fractions. */
const dateTime = fc
  .tuple(instant, fc.constantFrom('Z', '+02:00', '-05:30', '+00:00'), fc.boolean())
  .map(([date, zone, fraction]) => {
    const iso = date.toISOString();
    const base = fraction ? iso.slice(0, 23) : iso.slice(0, 19);
    return `${base}${zone}`;
  });

/**
 * Generators of the formats the documents use, each built on first use: `fc.webUrl()` alone takes
 * about 2 s to build, which every test file importing this module paid at load.
 */
const FORMAT_BUILDERS: Record<string, () => fc.Arbitrary<string>> = {
  uuid: () => fc.stringMatching(HEX),
  email: () => fc.stringMatching(EMAIL, { maxLength: 60 }),
  date: () => instant.map((date) => date.toISOString().slice(0, 10)),
  'date-time': () => dateTime,
  uri: () => fc.webUrl(),
  url: () => fc.webUrl(),
};
const builtFormats = new Map<string, fc.Arbitrary<string>>();

function formatArbitrary(format: string): fc.Arbitrary<string> | undefined {
  const build = FORMAT_BUILDERS[format];
  if (!build) return undefined;
  let arbitrary = builtFormats.get(format);
  if (!arbitrary) {
    arbitrary = build();
    builtFormats.set(format, arbitrary);
  }
  return arbitrary;
}

/** Formats whose documented pattern narrows them more than their generator could guess (zod's email rule). */
const PATTERN_FIRST = new Set(['email']);

function patternRegex(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return new RegExp(pattern);
  }
}

function length(text: string): number {
  return [...text].length;
}

/**
 * `arbitrary.filter(keep)` that gives up after `attempts` misses in a row and lets the next value
 * through: a schema no value satisfies (an unmatchable pattern) must end in skipped requests that the
 * runner reports, not in an endless loop.
 */
function boundedFilter<T>(arbitrary: fc.Arbitrary<T>, keep: (value: T) => boolean, attempts = 20): fc.Arbitrary<T> {
  let misses = 0;
  return arbitrary.filter((value) => {
    if (keep(value) || misses + 1 >= attempts) {
      misses = 0;
      return true;
    }
    misses += 1;
    return false;
  });
}

export function stringArbitrary(schema: JsonSchema, place: Place): fc.Arbitrary<string> {
  const min = Math.max(schema.minLength ?? 0, place === 'path' ? 1 : 0);
  const max = schema.maxLength;
  let base: fc.Arbitrary<string>;
  if (schema.enum) {
    base = fc.constantFrom(...schema.enum.filter((value): value is string => typeof value === 'string'));
  } else if (
    schema.pattern !== undefined &&
    schema.pattern !== NUL_FREE_PATTERN &&
    (schema.format === undefined || PATTERN_FIRST.has(schema.format))
  ) {
    // The NUL rule every free text carries is no pattern to generate from: free text it stays (blank
    // and padded values included), with NUL filtered out by the pattern test below.
    base = fc.stringMatching(patternRegex(schema.pattern), max === undefined ? {} : { maxLength: max });
  } else if (schema.format !== undefined && formatArbitrary(schema.format)) {
    base = formatArbitrary(schema.format)!;
  } else {
    base = textArbitrary(place, min, max);
  }
  const alphabet = placeAlphabet(place);
  const pattern = schema.pattern !== undefined ? patternRegex(schema.pattern) : undefined;
  const not = schema.not?.pattern !== undefined ? patternRegex(schema.not.pattern) : undefined;
  // Cheap local rules only; everything else is left to the document's validator.
  return boundedFilter(
    base,
    (text) =>
      length(text) >= min &&
      (max === undefined || length(text) <= max) &&
      (alphabet === undefined || alphabet.test(text)) &&
      (pattern === undefined || pattern.test(text)) &&
      (not === undefined || !not.test(text)) &&
      (place !== 'path' || (text !== '.' && text !== '..')),
  );
}

function integerArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const min =
    schema.exclusiveMinimum !== undefined ? Math.floor(schema.exclusiveMinimum) + 1 : Math.ceil(schema.minimum ?? -1e6);
  const max =
    schema.exclusiveMaximum !== undefined ? Math.ceil(schema.exclusiveMaximum) - 1 : Math.floor(schema.maximum ?? 1e6);
  const step = schema.multipleOf !== undefined && Number.isInteger(schema.multipleOf) ? schema.multipleOf : 1;
  if (step === 1) return fc.integer({ min, max });
  return fc.integer({ min: Math.ceil(min / step), max: Math.floor(max / step) }).map((n) => n * step);
}

function numberArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  return fc.oneof(
    integerArbitrary(schema),
    fc.double({
      min: schema.minimum ?? schema.exclusiveMinimum ?? -1e6,
      max: schema.maximum ?? schema.exclusiveMaximum ?? 1e6,
      noNaN: true,
      noDefaultInfinity: true,
      minExcluded: schema.exclusiveMinimum !== undefined,
      maxExcluded: schema.exclusiveMaximum !== undefined,
    }),
  );
}

export interface ValueContext {
  resolve: Resolve;
  place: Place;
}

function objectArbitrary(schema: JsonSchema, context: ValueContext, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) {
    model[name] = valueArbitrary(property, context, depth + 1);
  }
  const requiredKeys = (schema.required ?? []).filter((name) => name in properties);
  const known = fc.record(model, { requiredKeys });
  const extra = schema.additionalProperties;
  if (extra === false) return known;
  // Where the document allows other members, send one now and then: a strict validator must not refuse it.
  const extraValue =
    typeof extra === 'object' ? valueArbitrary(extra, context, depth + 1) : fc.constantFrom<unknown>('x', 1);
  const extras = fc.dictionary(
    fc.string({ unit: charsOf('abcdefghijklmnopqrstuvwxyz'), minLength: 3, maxLength: 8 }).map((k) => `x${k}`),
    extraValue,
    { maxKeys: 2 },
  );
  return fc
    .tuple(known, fc.oneof({ arbitrary: fc.constant({}), weight: 3 }, { arbitrary: extras, weight: 1 }))
    .map(([values, more]) => ({ ...more, ...values }));
}

function arrayArbitrary(schema: JsonSchema, context: ValueContext, depth: number): fc.Arbitrary<unknown[]> {
  const items = schema.items ? valueArbitrary(schema.items, context, depth + 1) : fc.constant<unknown>('x');
  const minLength = schema.minItems ?? 0;
  const maxLength = Math.min(schema.maxItems ?? minLength + 4, minLength + 4);
  if (schema.uniqueItems) return fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) });
  return fc.array(items, { minLength, maxLength });
}

function ofType(type: JsonType, schema: JsonSchema, context: ValueContext, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringArbitrary(schema, context.place);
    case 'integer':
      return integerArbitrary(schema);
    case 'number':
      return numberArbitrary(schema);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return arrayArbitrary(schema, context, depth);
    case 'object':
      return objectArbitrary(schema, context, depth);
  }
}

/** Values `schema` accepts (proposals: see the header). */
export function valueArbitrary(raw: JsonSchema, context: ValueContext, depth = 0): fc.Arbitrary<unknown> {
  const schema = context.resolve(raw);
  if (depth > 8) return fc.constant(null);
  const branches = unionBranches(schema);
  if (branches) {
    return fc.oneof(...branches.map((branch) => valueArbitrary(branch, context, depth + 1)));
  }
  if (schema.allOf && schema.allOf.length > 0) return valueArbitrary(schema.allOf[0] as JsonSchema, context, depth);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum && !typesOf(schema).includes('string')) return fc.constantFrom(...schema.enum);
  // A query string, a path or a header cannot carry null: those places get the other types only.
  const types = typesOf(schema).filter((type) => type !== 'null' || context.place === 'body');
  if (types.length === 0) return fc.constantFrom<unknown>('x', 1, true);
  return fc.oneof(...types.map((type) => ofType(type, schema, context, depth)));
}
