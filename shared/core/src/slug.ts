/**
 * URL slugs: lower-case ASCII words joined by dashes, made from a title once and kept on edits.
 * Collisions get the next free numeric suffix (`my-post-2`); the unique index is the final judge.
 */
import { randomBytes } from 'node:crypto';
import { escapeRegExp } from './pagination.js';

export const SLUG_MAX = 80;
/**
 * A base slug leaves room for a suffix (`-9999999`), so numbering a collision never cuts the base
 * and `slugFamilyPattern` finds every numbered sibling, however long the title.
 */
export const SLUG_BASE_MAX = SLUG_MAX - 8;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `"Héllo, World!"` -> `"hello-world"`; a title with no usable letters gives `fallback`. */
export function slugify(text: string, fallback = 'post'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_BASE_MAX)
    .replace(/-+$/g, '');
  return slug.length > 0 ? slug : fallback;
}

/**
 * The first of `base`, `base-2`, `base-3`... not in `taken`. `taken` holds the slugs already
 * stored that start with `base`.
 */
export function nextFreeSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, SLUG_MAX - suffix.length).replace(/-+$/g, '')}${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** A last resort when two writers race for the same numbered slug: a random suffix. */
export function randomSlug(base: string): string {
  const suffix = `-${randomBytes(3).toString('hex')}`;
  return `${base.slice(0, SLUG_MAX - suffix.length).replace(/-+$/g, '')}${suffix}`;
}

/** Matches `base` and `base-<n>`, to find the slugs a new one could collide with. */
export function slugFamilyPattern(base: string): RegExp {
  return new RegExp(`^${escapeRegExp(base)}(?:-\\d+)?$`);
}
