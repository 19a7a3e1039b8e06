import { layoutProblems, locateSeats, seatsOf, seatTypesOf, type RowLayout } from './seat-layout.js';

const row = (label: string, seatCount: number, extra: Partial<RowLayout> = {}): RowLayout => ({
  label,
  seatCount,
  type: 'standard',
  accessibleSeats: [],
  missingSeats: [],
  ...extra,
});

describe('seat layout', () => {
  it('numbers seats per row, skips missing seats and keeps the real numbering', () => {
    const seats = seatsOf([row('A', 4, { missingSeats: [2] })]);
    expect(seats.map((s) => s.id)).toEqual(['A1', 'A3', 'A4']);
  });

  it('types a seat as accessible when listed, otherwise as its row type', () => {
    const seats = seatsOf([row('A', 2, { accessibleSeats: [2] }), row('B', 1, { type: 'premium' })]);
    expect(seats.map((s) => [s.id, s.type])).toEqual([
      ['A1', 'standard'],
      ['A2', 'accessible'],
      ['B1', 'premium'],
    ]);
  });

  it('lists the seat types a layout uses once each', () => {
    expect(seatTypesOf([row('A', 3), row('B', 3, { type: 'premium' })]).sort()).toEqual(['premium', 'standard']);
  });

  it('reports duplicate rows, seats outside the row and seats both missing and accessible', () => {
    const problems = layoutProblems([
      row('A', 3, { missingSeats: [4] }),
      row('A', 2, { accessibleSeats: [1], missingSeats: [1] }),
    ]);
    expect(problems).toEqual([
      'row A has no seat 4',
      'row A appears twice',
      'row A lists a seat as both accessible and missing',
    ]);
  });

  it('rejects a layout whose every seat is missing', () => {
    expect(layoutProblems([row('A', 1, { missingSeats: [1] })])).toEqual(['the layout has no seats']);
  });

  it('splits requested seats into found (typed) and unknown, including missing and malformed ids', () => {
    const { found, unknown } = locateSeats([row('A', 3, { missingSeats: [3] })], ['A1', 'A3', 'A9', 'Z1', 'a1']);
    expect(found.map((s) => s.id)).toEqual(['A1']);
    expect(unknown).toEqual(['A3', 'A9', 'Z1', 'a1']);
  });
});
