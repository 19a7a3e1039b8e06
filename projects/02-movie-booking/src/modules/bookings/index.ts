/** The bookings feature, as the rest of the project sees it: holds, confirmations, cancellations. */
export { BOOKING_STATUSES, type BookingStatus } from './booking-state.js';
export { confirmationEmailKey } from './booking.email.js';
export type { BookingRecord } from './booking.model.js';
export { registerBookingPaths } from './booking.openapi.js';
export { BOOKING_MAIL_SOURCE, BookingRepository } from './booking.repository.js';
export { bookingRoutes } from './booking.routes.js';
export { BookingService, type BookingRules, type OwedMailRelay } from './booking.service.js';
