import { FieldRuleError } from '@roadmap/core';
import { dayRange } from './report.service.js';

const NOW = new Date('2030-03-15T22:30:00Z');

describe('the day range of a report', () => {
  it('is the 30 UTC days up to today when the query names none', () => {
    expect(dayRange({}, NOW)).toEqual({ from: '2030-02-14', to: '2030-03-15' });
  });

  it('keeps the days the query names, both included', () => {
    expect(dayRange({ from: '2030-01-01', to: '2030-01-01' }, NOW)).toEqual({ from: '2030-01-01', to: '2030-01-01' });
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => dayRange({ from: '2030-01-02', to: '2030-01-01' }, NOW)).toThrow(FieldRuleError);
  });

  it('refuses a range longer than 366 days', () => {
    expect(() => dayRange({ from: '2029-01-01', to: '2030-01-02' }, NOW)).toThrow(FieldRuleError);
    expect(dayRange({ from: '2029-01-01', to: '2030-01-01' }, NOW).from).toBe('2029-01-01');
  });
});
