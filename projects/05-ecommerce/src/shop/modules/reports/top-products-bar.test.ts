import { dailyThreshold, daysIn } from './top-products-bar.js';

/** A small deterministic generator, so a failure can be replayed. */
function figures(seed: number, days: number): number[] {
  let state = seed;
  return Array.from({ length: days }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % 7 === 0 ? 0 : state % 40;
  });
}

describe('the daily threshold of the top-products report', () => {
  it('is reached on some day by every series that adds up to the bar', () => {
    for (let seed = 1; seed <= 500; seed += 1) {
      const days = 1 + (seed % 90);
      const series = figures(seed, days);
      const total = series.reduce((sum, n) => sum + n, 0);

      expect(Math.max(...series)).toBeGreaterThanOrEqual(dailyThreshold(total, days));
    }
  });

  it('is no lower than it must be: an even spread reaches it and no more', () => {
    expect(dailyThreshold(90, 90)).toBe(1);
    expect(dailyThreshold(91, 90)).toBe(2);
    expect(dailyThreshold(0, 30)).toBe(0);
  });
});

describe('the days of a range', () => {
  it('counts both ends', () => {
    expect(daysIn({ from: '2030-03-15', to: '2030-03-15' })).toBe(1);
    expect(daysIn({ from: '2030-01-01', to: '2030-03-31' })).toBe(90);
  });
});
