/**
 * Rules every text a client sends must follow, whatever the field: no NUL characters (PostgreSQL and
 * FerretDB, which stores MongoDB's strings in PostgreSQL, refuse `\u0000` in text, so one would be a
 * 500 far from where it came in), and query strings whose percent-escapes decode. `validate()` applies
 * them to every request part it checks, and the OpenAPI documents state the first as a pattern.
 */
import type { FieldError } from './errors.js';

/** The pattern a string without a stricter rule of its own gets in the OpenAPI documents. */
export const NUL_FREE_PATTERN = '^[^\\u0000]*$';

export const NUL_MESSAGE = 'must not contain NUL (\\u0000) characters';

const NUL = '\u0000';

/** A key as it appears in a field path: a NUL shown as the escape `\u0000`, so the path stays readable. */
function shownKey(key: string): string {
  return key.split(NUL).join('\\u0000');
}

/**
 * One field error per string (value or object key) holding a NUL, named by its path from `source`
 * (`body.shippingAddress.name`, `query.q`). Walks with its own stack: a deeply nested JSON body must
 * not overflow the call stack.
 */
export function nulFieldErrors(value: unknown, source: string): FieldError[] {
  const errors: FieldError[] = [];
  const pending: { value: unknown; path: string }[] = [{ value, path: source }];
  while (pending.length > 0) {
    const { value: current, path } = pending.pop()!;
    if (typeof current === 'string') {
      if (current.includes(NUL)) errors.push({ field: path, message: NUL_MESSAGE });
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => pending.push({ value: item, path: `${path}.${index}` }));
    } else if (typeof current === 'object' && current !== null && !Buffer.isBuffer(current)) {
      for (const [key, item] of Object.entries(current)) {
        const itemPath = `${path}.${shownKey(key)}`;
        if (key.includes(NUL)) errors.push({ field: itemPath, message: `its name ${NUL_MESSAGE}` });
        pending.push({ value: item, path: itemPath });
      }
    }
  }
  return errors.sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
}

/**
 * The parameters of a raw query string (`a=1&q=%E0%A4%A`) whose percent-escapes do not decode to
 * UTF-8. Express's query parsers decode such a value leniently (to U+FFFD or the raw text), so a
 * search would silently look for something the client never sent.
 */
export function malformedQueryFields(rawQuery: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const separator = pair.indexOf('=');
    const rawName = separator === -1 ? pair : pair.slice(0, separator);
    const rawValue = separator === -1 ? '' : pair.slice(separator + 1);
    const name = decodeOrUndefined(rawName);
    if (name === undefined || decodeOrUndefined(rawValue) === undefined) {
      errors.push({
        field: `query.${name ?? rawName}`,
        message: 'has a malformed percent-encoding (each % must start an escape of valid UTF-8)',
      });
    }
  }
  return errors;
}

function decodeOrUndefined(component: string): string | undefined {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** The query string of a request URL (`/movies?q=x` -> `q=x`), without the `?`. */
export function rawQueryOf(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return '';
  const end = url.indexOf('#', start);
  return url.slice(start + 1, end === -1 ? undefined : end);
}
