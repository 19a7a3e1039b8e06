/** The bookings feature, as the rest of the project sees it: holds, confirmations, cancellations. */
export { BOOKING_STATUSES, type BookingStatus } from './booking-state.js';
export type { BookingRecord } from './booking.model.js';
export { registerBookingPaths } from './booking.openapi.js';
export { BookingRepository } from './booking.repository.js';
export { bookingRoutes } from './booking.routes.js';
export { BookingService, type BookingRules } from './booking.service.js';
export { CONFIRMATION_SWEEP_DELAY_MS, type BookingNotifier } from './confirmation-outbox.js';
