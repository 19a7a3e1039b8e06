/**
 * A screen's seat layout as rows of numbered seats: seat ids are `<row><number>` (e.g. `C7`), a row
 * has one type (standard or premium) except the seats listed as accessible, and some numbers may not
 * exist (aisles, pillars) so a row keeps its real numbering.
 */
export const SEAT_TYPES = ['standard', 'premium', 'accessible'] as const;
export type SeatType = (typeof SEAT_TYPES)[number];

export interface RowLayout {
  label: string;
  seatCount: number;
  type: 'standard' | 'premium';
  accessibleSeats: number[];
  missingSeats: number[];
}

export interface SeatPosition {
  id: string;
  row: string;
  number: number;
  type: SeatType;
}

export const ROW_LABEL = /^[A-Z]{1,2}$/;
export const SEAT_ID = /^([A-Z]{1,2})([1-9][0-9]{0,2})$/;

/** Every seat that exists in the layout, row by row, in seat-number order. */
export function seatsOf(rows: readonly RowLayout[]): SeatPosition[] {
  return rows.flatMap((row) => {
    const missing = new Set(row.missingSeats);
    const accessible = new Set(row.accessibleSeats);
    const seats: SeatPosition[] = [];
    for (let number = 1; number <= row.seatCount; number += 1) {
      if (missing.has(number)) continue;
      seats.push({
        id: `${row.label}${number}`,
        row: row.label,
        number,
        type: accessible.has(number) ? 'accessible' : row.type,
      });
    }
    return seats;
  });
}

/** The seat types a layout uses, so a show can be checked to price each of them. */
export function seatTypesOf(rows: readonly RowLayout[]): SeatType[] {
  return [...new Set(seatsOf(rows).map((seat) => seat.type))];
}

/** Problems with a layout, as messages; empty when the layout is valid. */
export function layoutProblems(rows: readonly RowLayout[]): string[] {
  const problems: string[] = [];
  const labels = new Set<string>();
  for (const row of rows) {
    if (labels.has(row.label)) problems.push(`row ${row.label} appears twice`);
    labels.add(row.label);
    for (const number of [...row.missingSeats, ...row.accessibleSeats]) {
      if (number < 1 || number > row.seatCount) problems.push(`row ${row.label} has no seat ${number}`);
    }
    if (row.accessibleSeats.some((number) => row.missingSeats.includes(number))) {
      problems.push(`row ${row.label} lists a seat as both accessible and missing`);
    }
  }
  if (rows.length > 0 && seatsOf(rows).length === 0) problems.push('the layout has no seats');
  return problems;
}

/** Splits requested seat ids into those the layout has (typed) and those it does not. */
export function locateSeats(
  rows: readonly RowLayout[],
  seatIds: readonly string[],
): { found: SeatPosition[]; unknown: string[] } {
  const byId = new Map(seatsOf(rows).map((seat) => [seat.id, seat]));
  const found: SeatPosition[] = [];
  const unknown: string[] = [];
  for (const id of seatIds) {
    const seat = SEAT_ID.test(id) ? byId.get(id) : undefined;
    if (seat) found.push(seat);
    else unknown.push(id);
  }
  return { found, unknown };
}
