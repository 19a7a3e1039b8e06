/** Request and response schemas of holds and bookings. */
import { objectIdSchema, pageSchema, paginationShape } from '@roadmap/core';
import { z } from 'zod';
import { SeatListSchema } from '../shows/index.js';
import { BOOKING_STATUSES } from './booking-state.js';

export const HoldParamsSchema = z.object({ showId: objectIdSchema('showId') });
export const HoldInputSchema = SeatListSchema;

export const ConfirmHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .trim()
    .min(8, 'Idempotency-Key must be 8 to 200 characters')
    .max(200, 'Idempotency-Key must be 8 to 200 characters')
    .optional(),
});

export const BookingSchema = z
  .object({
    id: z.string().meta({ description: 'The booking id; while held it is also the hold id.' }),
    showId: z.string(),
    seats: z.array(z.string()),
    amount: z.number().int().meta({ description: 'Cents.' }),
    currency: z.string(),
    status: z.enum(BOOKING_STATUSES),
    expiresAt: z.string().meta({ description: 'When the hold ends (meaningful while held).' }),
    paymentReference: z.string().optional(),
    createdAt: z.string(),
    confirmedAt: z.string().optional(),
    cancelledAt: z.string().optional(),
  })
  .meta({ id: 'Booking' });

export const HoldSchema = BookingSchema.extend({ holdId: z.string() }).meta({ id: 'Hold' });

export const BookingListQuerySchema = z.object({
  status: z.enum(BOOKING_STATUSES).optional(),
  ...paginationShape({ sortable: ['createdAt'] as const, defaultSort: '-createdAt', maxLimit: 100 }),
});

export const BookingPageSchema = pageSchema(BookingSchema).meta({ id: 'BookingPage' });

export type HoldParams = z.output<typeof HoldParamsSchema>;
export type HoldInput = z.output<typeof HoldInputSchema>;
export type Booking = z.output<typeof BookingSchema>;
export type Hold = z.output<typeof HoldSchema>;
export type BookingListQuery = z.output<typeof BookingListQuerySchema>;
