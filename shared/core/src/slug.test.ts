import { nextFreeSlug, randomSlug, SLUG_BASE_MAX, SLUG_MAX, SLUG_PATTERN, slugFamilyPattern, slugify } from './slug.js';

describe('slugify', () => {
  it.each([
    ['Hello World', 'hello-world'],
    ['  Héllo, Wörld!  ', 'hello-world'],
    ['Node.js & Express 5', 'node-js-express-5'],
    ['---dashes---', 'dashes'],
    ['C++ / C#', 'c-c'],
  ])('%j -> %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
    expect(slug).toMatch(SLUG_PATTERN);
  });

  it('falls back when nothing usable is left', () => {
    expect(slugify('!!! ???')).toBe('post');
    expect(slugify('日本語', 'category')).toBe('category');
  });

  it('caps the length without a trailing dash', () => {
    const slug = slugify(`${'a'.repeat(SLUG_BASE_MAX - 1)} bbbb`);
    expect(slug).toBe('a'.repeat(SLUG_BASE_MAX - 1));
    expect(slug).toMatch(SLUG_PATTERN);
  });
});

describe('collision-safe slugs', () => {
  it('takes the base when free, else the next free number', () => {
    expect(nextFreeSlug('post', [])).toBe('post');
    expect(nextFreeSlug('post', ['post'])).toBe('post-2');
    expect(nextFreeSlug('post', ['post', 'post-2', 'post-3'])).toBe('post-4');
    expect(nextFreeSlug('post', ['post', 'post-3'])).toBe('post-2');
  });

  it('keeps numbered slugs within the maximum length', () => {
    const base = 'a'.repeat(SLUG_MAX);
    expect(nextFreeSlug(base, [base]).length).toBeLessThanOrEqual(SLUG_MAX);
    expect(randomSlug(base).length).toBeLessThanOrEqual(SLUG_MAX);
    expect(randomSlug('post')).toMatch(/^post-[a-f0-9]{6}$/);
  });

  it('numbers the collisions of a long title without cutting its base, so the family finds them', () => {
    const base = slugify('word '.repeat(40));
    const second = nextFreeSlug(base, [base]);
    expect(second).toBe(`${base}-2`);
    expect(second.length).toBeLessThanOrEqual(SLUG_MAX);
    expect(
      nextFreeSlug(
        base,
        [base, second].filter((s) => slugFamilyPattern(base).test(s)),
      ),
    ).toBe(`${base}-3`);
  });

  it('matches only the family of a base slug', () => {
    const family = slugFamilyPattern('my-post');
    expect(['my-post', 'my-post-2', 'my-post-17'].every((s) => family.test(s))).toBe(true);
    expect(['my-post-two', 'my-posts', 'x-my-post'].some((s) => family.test(s))).toBe(false);
  });
});
