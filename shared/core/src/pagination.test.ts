import { z } from 'zod';
import { escapeRegExp, paginationShape, queryBoolean, toMongoSort, toPage } from './pagination.js';

const query = z.object(paginationShape({ sortable: ['createdAt', 'title'], defaultSort: '-createdAt', maxLimit: 50 }));

describe('paginationShape', () => {
  it('defaults to page 1, limit 20 and the default sort', () => {
    expect(query.parse({})).toEqual({ page: 1, limit: 20, sort: { field: 'createdAt', direction: 'desc' } });
  });

  it('coerces query strings and reads a leading minus as descending', () => {
    expect(query.parse({ page: '3', limit: '5', sort: 'title' })).toEqual({
      page: 3,
      limit: 5,
      sort: { field: 'title', direction: 'asc' },
    });
  });

  it('rejects a limit over the cap, a page below 1 and an unknown sort field', () => {
    const result = query.safeParse({ page: '0', limit: '51', sort: 'password' });

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0]).sort()).toEqual(['limit', 'page', 'sort']);
  });
});

describe('toPage', () => {
  it('counts total pages, and zero pages when there is nothing', () => {
    expect(toPage([1, 2], { page: 1, limit: 2 }, 5)).toEqual({
      data: [1, 2],
      page: 1,
      limit: 2,
      total: 5,
      totalPages: 3,
    });
    expect(toPage([], { page: 1, limit: 2 }, 0).totalPages).toBe(0);
  });
});

describe('helpers', () => {
  it('adds _id as a tie-breaker to Mongo sorts', () => {
    expect(toMongoSort({ field: 'title', direction: 'desc' })).toEqual({ title: -1, _id: -1 });
  });

  it('escapes regular expression syntax in search text', () => {
    expect(new RegExp(escapeRegExp('a.b*(c)')).test('a.b*(c)')).toBe(true);
    expect(new RegExp(escapeRegExp('a.b')).test('axb')).toBe(false);
  });

  it('reads "false" as false (unlike Boolean coercion)', () => {
    expect(queryBoolean.parse('false')).toBe(false);
    expect(queryBoolean.parse('1')).toBe(true);
    expect(queryBoolean.safeParse('yes').success).toBe(false);
  });
});
