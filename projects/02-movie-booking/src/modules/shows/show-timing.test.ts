import { dayRange, overlapFilter, rangesOverlap, showEndsAt } from './show-timing.js';

const at = (time: string) => new Date(`2030-03-01T${time}:00.000Z`);

describe('show timing', () => {
  it('ends a show after the movie plus the cleaning gap', () => {
    expect(showEndsAt(at('18:00'), 130, 20)).toEqual(at('20:30'));
  });

  it('finds overlapping shows on the same screen', () => {
    const evening = { startsAt: at('18:00'), endsAt: at('20:30') };
    expect(rangesOverlap(evening, { startsAt: at('20:00'), endsAt: at('22:00') })).toBe(true);
    expect(rangesOverlap(evening, { startsAt: at('17:00'), endsAt: at('18:01') })).toBe(true);
    expect(rangesOverlap(evening, { startsAt: at('18:30'), endsAt: at('19:00') })).toBe(true);
  });

  it('lets a show start exactly when the previous one has been cleaned', () => {
    expect(
      rangesOverlap({ startsAt: at('18:00'), endsAt: at('20:30') }, { startsAt: at('20:30'), endsAt: at('22:00') }),
    ).toBe(false);
  });

  it('builds the database filter of the same overlap rule', () => {
    expect(overlapFilter({ startsAt: at('18:00'), endsAt: at('20:30') })).toEqual({
      startsAt: { $lt: at('20:30') },
      endsAt: { $gt: at('18:00') },
    });
  });

  it('turns a date into its UTC day', () => {
    expect(dayRange('2030-03-01')).toEqual({ startsAt: at('00:00'), endsAt: new Date('2030-03-02T00:00:00.000Z') });
  });
});
