/**
 * Values a JSON Schema refuses, to break one part of a valid request. Each is plainly invalid (a wrong
 * type, a bound crossed by one, a listed pattern or format not met, a required member gone), never a
 * space-padded or differently-cased copy of a valid value that a lenient validator may fairly accept.
 * The caller confirms with the document's validator that the request became invalid.
 */
import { NUL_FREE_PATTERN } from '@roadmap/core';
import { typesOf, unionBranches, type JsonSchema, type Resolve } from './json-schema.js';
import type { Place } from './valid-values.js';

export interface Candidate {
  label: string;
  value: unknown;
}

/** Strings tried against a pattern, a format or an enum; those the schema refuses are candidates. */
const ODD_STRINGS = ['', '!', '-', '~x~', 'x y', 'é', '0', 'a', 'ZZ', 'not-a-valid-value'];

/** Longer strings than this are not sent: the body-size limit would answer before validation does. */
const MAX_GENERATED_LENGTH = 20_000;

function stringCandidates(schema: JsonSchema, place: Place): Candidate[] {
  const out: Candidate[] = [];
  const min = schema.minLength ?? 0;
  if (min > 0) out.push({ label: `shorter than minLength ${min}`, value: 'x'.repeat(min - 1) });
  if (min > 1) out.push({ label: `empty, under minLength ${min}`, value: '' });
  if (schema.maxLength !== undefined && schema.maxLength < MAX_GENERATED_LENGTH) {
    out.push({ label: `longer than maxLength ${schema.maxLength}`, value: 'x'.repeat(schema.maxLength + 1) });
  }
  if (schema.not?.pattern !== undefined) {
    out.push({ label: 'blank', value: ' '.repeat(Math.max(min, 1)) });
  }
  if (schema.pattern === NUL_FREE_PATTERN) {
    // Free text refuses only the NUL character: no odd string breaks it, one NUL does.
    out.push({ label: 'a NUL character', value: 'a\u0000b' });
  }
  const rulePattern = schema.pattern === NUL_FREE_PATTERN ? undefined : schema.pattern;
  if (rulePattern !== undefined || schema.format !== undefined || schema.enum !== undefined) {
    const rule = schema.enum ? 'enum' : rulePattern !== undefined ? `pattern ${rulePattern}` : schema.format;
    for (const text of ODD_STRINGS) out.push({ label: `"${text}" against ${rule}`, value: text });
  }
  return out.filter(({ value }) => representable(value, place));
}

/** A path segment cannot be empty; headers and cookies carry visible ASCII only, unpadded. */
function representable(value: unknown, place: Place): boolean {
  if (typeof value !== 'string') return place === 'body';
  if (place === 'path') return value.length > 0 && value !== '.' && value !== '..';
  if (place === 'header') return value === value.trim() && /^[\x20-\x7e]*$/.test(value);
  if (place === 'cookie') return /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/.test(value);
  return true;
}

function numberCandidates(schema: JsonSchema, integer: boolean): Candidate[] {
  const out: Candidate[] = [];
  if (schema.minimum !== undefined) out.push({ label: `below minimum ${schema.minimum}`, value: schema.minimum - 1 });
  if (schema.maximum !== undefined) out.push({ label: `above maximum ${schema.maximum}`, value: schema.maximum + 1 });
  if (schema.exclusiveMinimum !== undefined) {
    out.push({ label: `at exclusiveMinimum ${schema.exclusiveMinimum}`, value: schema.exclusiveMinimum });
  }
  if (schema.exclusiveMaximum !== undefined) {
    out.push({ label: `at exclusiveMaximum ${schema.exclusiveMaximum}`, value: schema.exclusiveMaximum });
  }
  if (integer) out.push({ label: 'not an integer', value: (schema.minimum ?? schema.exclusiveMinimum ?? 0) + 1.5 });
  return out;
}

/** A value of another JSON type than the schema admits, as each place can carry it. */
function wrongTypes(types: string[], place: Place): Candidate[] {
  const out: Candidate[] = [];
  const numeric = types.includes('number') || types.includes('integer');
  if (place !== 'body') {
    // Every parameter arrives as text: only text that does not parse as the documented type is wrong.
    if (numeric && !types.includes('string')) out.push({ label: 'not a number', value: 'abc' });
    if (types.includes('boolean') && !types.includes('string')) out.push({ label: 'not a boolean', value: 'maybe' });
    return out;
  }
  if (!types.includes('string')) out.push({ label: 'a string', value: 'abc' });
  if (!numeric) out.push({ label: 'a number', value: 12345 });
  if (!types.includes('boolean')) out.push({ label: 'a boolean', value: true });
  if (!types.includes('array')) out.push({ label: 'an array', value: ['x'] });
  if (!types.includes('object')) out.push({ label: 'an object', value: { x: 1 } });
  if (!types.includes('null')) out.push({ label: 'null', value: null });
  return out;
}

/** Values to put where `current` (a valid value of `schema`) stands. */
export function invalidCandidates(raw: JsonSchema, resolve: Resolve, place: Place, current?: unknown): Candidate[] {
  const schema = resolve(raw);
  const branches = unionBranches(schema);
  const types = branches ? [...new Set(branches.flatMap((branch) => typesOf(resolve(branch))))] : typesOf(schema);
  if (types.length === 0) return [];
  const out = wrongTypes(types, place);
  if (branches) {
    // A union of strings (a date or a date-time): text that no branch's format or pattern takes.
    if (types.every((type) => type === 'string')) {
      out.push(...ODD_STRINGS.map((text) => ({ label: `"${text}" against every alternative`, value: text })));
    }
    return out.filter(({ value }) => representable(value, place));
  }
  if (types.includes('string')) out.push(...stringCandidates(schema, place));
  if (types.includes('integer') || types.includes('number')) {
    const candidates = numberCandidates(schema, !types.includes('number'));
    out.push(...(place === 'body' ? candidates : candidates.map((c) => ({ ...c, value: String(c.value) }))));
  }
  if (types.includes('array') && place === 'body') {
    const first = Array.isArray(current) && current.length > 0 ? current[0] : 'x';
    if ((schema.minItems ?? 0) > 0) out.push({ label: `fewer than minItems ${schema.minItems}`, value: [] });
    if (schema.maxItems !== undefined && schema.maxItems < 1000) {
      out.push({ label: `more than maxItems ${schema.maxItems}`, value: Array(schema.maxItems + 1).fill(first) });
    }
    if (schema.uniqueItems) out.push({ label: 'repeated items', value: [first, first] });
  }
  if (types.includes('object') && place === 'body' && (schema.minProperties ?? 0) > 0) {
    out.push({ label: `fewer than minProperties ${schema.minProperties}`, value: {} });
  }
  return out;
}

export const REMOVE = Symbol('remove');

export interface BodyMutation {
  /** Where in the body: member names and item indexes; `[]` is the whole body. */
  path: (string | number)[];
  label: string;
  /** The new value, or REMOVE to delete the member. */
  value: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every single-spot change that should make `value` invalid against `schema`. */
export function bodyMutations(
  value: unknown,
  raw: JsonSchema,
  resolve: Resolve,
  path: (string | number)[] = [],
): BodyMutation[] {
  const schema = resolve(raw);
  const where = path.length === 0 ? 'the body' : path.join('.');
  const out: BodyMutation[] = invalidCandidates(schema, resolve, 'body', value).map((candidate) => ({
    path,
    label: `${where}: ${candidate.label}`,
    value: candidate.value,
  }));
  // Which branch of a union a value matched is unknown: only its whole value is replaced.
  if (unionBranches(schema)) return out;
  if (isRecord(value)) {
    const properties = schema.properties ?? {};
    for (const [name, member] of Object.entries(value)) {
      const property = properties[name];
      if (property) out.push(...bodyMutations(member, property, resolve, [...path, name]));
    }
    for (const name of schema.required ?? []) {
      if (name in value)
        out.push({ path: [...path, name], label: `${where}: without required ${name}`, value: REMOVE });
    }
    if (schema.additionalProperties === false) {
      out.push({ path: [...path, 'undocumentedMember'], label: `${where}: an undocumented member`, value: 'x' });
    }
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, index) =>
      out.push(...bodyMutations(item, schema.items as JsonSchema, resolve, [...path, index])),
    );
  }
  return out;
}

/** `body` with `mutation` applied (a copy). */
export function applyMutation(body: unknown, mutation: BodyMutation): unknown {
  if (mutation.path.length === 0) return mutation.value;
  const copy: unknown = structuredClone(body);
  let node = copy as Record<string | number, unknown>;
  for (const key of mutation.path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = mutation.path[mutation.path.length - 1] as string | number;
  if (mutation.value === REMOVE) delete node[last];
  else node[last] = mutation.value;
  return copy;
}
