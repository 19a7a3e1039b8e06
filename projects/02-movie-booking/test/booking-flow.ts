/**
 * The setup the hold, confirm and booking tests share: holds of 5 minutes, a cancellation cut-off an
 * hour before the show, at most 4 seats per hold, a show a day ahead per test, and the seat states
 * as the API shows them.
 */
import type { Express } from 'express';
import request from 'supertest';
import { seedShow, type SeededShow } from './factories.js';
import { MINUTE, useBookingHarness } from './harness.js';

export const HOLD_MINUTES = 5;
export const CUTOFF_MINUTES = 60;

export async function seatStates(app: Express, showId: string): Promise<Record<string, string>> {
  const res = await request(app).get(`/api/v1/shows/${showId}/seats`).expect(200);
  const rows = res.body.rows as { seats: { id: string; state: string }[] }[];
  return Object.fromEntries(rows.flatMap((row) => row.seats.map((seat) => [seat.id, seat.state])));
}

export function useBookingFlow(name: string) {
  const t = useBookingHarness(name, {
    rules: { holdMinutes: HOLD_MINUTES, cancellationCutoffMinutes: CUTOFF_MINUTES, maxSeatsPerHold: 4 },
  });
  return {
    t,
    newShow: (): Promise<SeededShow> => seedShow(t.services, { startsAt: t.clock.after(24 * 60 * MINUTE) }),
    seatStates: (showId: string) => seatStates(t.app, showId),
  };
}
