/** A stored theater and its screens as the API shows them: each screen with its capacity and seat types. */
import { seatsOf, seatTypesOf } from './seat-layout.js';
import type { ScreenRecord, TheaterRecord } from './theater.model.js';
import type { Screen, Theater } from './theater.schemas.js';

export function toScreen(screen: ScreenRecord): Screen {
  const rows = screen.rows.map((row) => ({
    label: row.label,
    seatCount: row.seatCount,
    type: row.type,
    accessibleSeats: [...row.accessibleSeats],
    missingSeats: [...row.missingSeats],
  }));
  return {
    id: screen._id.toString(),
    name: screen.name,
    capacity: seatsOf(rows).length,
    seatTypes: seatTypesOf(rows),
    rows,
  };
}

export function toTheater(doc: TheaterRecord): Theater {
  return {
    id: doc._id.toString(),
    name: doc.name,
    city: doc.city,
    address: doc.address,
    screens: doc.screens.map(toScreen),
  };
}
