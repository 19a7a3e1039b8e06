import { randomBytes } from 'node:crypto';

/** A short random lower-case suffix that is safe in database, schema, queue and key names. */
export function uniqueSuffix(bytes = 5): string {
  return randomBytes(bytes).toString('hex');
}

/** A name unique to this test run: `<prefix>_<random>`, lower-case, [a-z0-9_] only. */
export function isolatedName(prefix: string): string {
  const clean = prefix
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 30);
  return `t_${clean}_${uniqueSuffix()}`;
}

let counter = 0;

/** An email address no other test uses. */
export function uniqueEmail(local = 'user'): string {
  counter += 1;
  return `${local}.${counter}.${uniqueSuffix(3)}@example.test`;
}
