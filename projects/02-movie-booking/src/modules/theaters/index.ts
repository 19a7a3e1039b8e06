/** The theaters feature, as the rest of the project sees it: theaters, their screens and seat layouts. */
export {
  locateSeats,
  seatsOf,
  seatTypesOf,
  SEAT_TYPES,
  type RowLayout,
  type SeatPosition,
  type SeatType,
} from './seat-layout.js';
export type { ScreenRecord, TheaterRecord } from './theater.model.js';
export { registerTheaterPaths } from './theater.openapi.js';
export { TheaterRepository, type TheaterSummary } from './theater.repository.js';
export { theaterRoutes } from './theater.routes.js';
export { SeatIdSchema, type ScreenInput, type Theater, type TheaterInput } from './theater.schemas.js';
export { TheaterService, type TheaterMoves } from './theater.service.js';
export { toTheater } from './theater.view.js';
