/** Seat locks, as the rest of the project sees them: one lock per taken seat of a show. */
export { seatsPhrase, type SeatClaim } from './seat-claim.js';
export { SEAT_LOCK_STATES, type SeatLockState } from './seat-lock.model.js';
export { SeatLockRepository } from './seat-lock.repository.js';
