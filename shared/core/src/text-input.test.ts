import { malformedQueryFields, nulFieldErrors, rawQueryOf } from './text-input.js';

describe('nulFieldErrors', () => {
  it('names every string and key holding a NUL by its path, and nothing else', () => {
    const body = {
      title: 'fine',
      shippingAddress: { name: 'Ada\u0000', city: 'Lisbon' },
      tags: ['ok', 'b\u0000d'],
      'ke\u0000y': 1,
      count: 3,
      flag: null,
    };

    expect(nulFieldErrors(body, 'body')).toEqual([
      { field: 'body.ke\\u0000y', message: 'its name must not contain NUL (\\u0000) characters' },
      { field: 'body.shippingAddress.name', message: 'must not contain NUL (\\u0000) characters' },
      { field: 'body.tags.1', message: 'must not contain NUL (\\u0000) characters' },
    ]);
  });

  it('walks a deeply nested body without overflowing the stack', () => {
    let nested: unknown = 'x\u0000';
    for (let depth = 0; depth < 100_000; depth += 1) nested = [nested];

    expect(nulFieldErrors(nested, 'body')).toHaveLength(1);
  });

  it('finds nothing in clean input, numbers, buffers or nothing at all', () => {
    expect(nulFieldErrors({ q: 'a b', n: 1, raw: Buffer.from([0, 1]) }, 'query')).toEqual([]);
    expect(nulFieldErrors(undefined, 'body')).toEqual([]);
  });
});

describe('malformedQueryFields', () => {
  it('names the parameters whose percent-escapes do not decode', () => {
    expect(malformedQueryFields('q=%E0%A4%A&genre=drama&x=%zz&ok=%C3%A9+%20')).toEqual([
      expect.objectContaining({ field: 'query.q' }),
      expect.objectContaining({ field: 'query.x' }),
    ]);
  });

  it('names a parameter whose name is malformed by its raw text', () => {
    expect(malformedQueryFields('%E0=1')).toEqual([expect.objectContaining({ field: 'query.%E0' })]);
  });

  it('accepts empty pairs, bare names and valid escapes, NUL included (refused as text, not as encoding)', () => {
    expect(malformedQueryFields('&a&b=&c=%00&d=%F0%9F%8E%AC')).toEqual([]);
  });
});

describe('rawQueryOf', () => {
  it('takes the query string of a URL, without the fragment', () => {
    expect(rawQueryOf('/movies?q=a%00b&x=1#top')).toBe('q=a%00b&x=1');
    expect(rawQueryOf('/movies')).toBe('');
  });
});
