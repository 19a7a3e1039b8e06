/** Request and response schemas of the shows API: listing, seat maps, blocking seats, reports. */
import { nonBlank, objectIdSchema, pageSchema, paginationShape } from '@roadmap/core';
import { z } from 'zod';
import { SEAT_TYPES, SeatIdSchema } from '../theaters/index.js';

const cents = z.number().int('prices are whole cents').min(0).max(1_000_000);

export const ShowInputSchema = z
  .strictObject({
    movieId: objectIdSchema('movieId'),
    theaterId: objectIdSchema('theaterId'),
    screenId: objectIdSchema('screenId'),
    startsAt: z.iso
      .datetime({ offset: true, message: 'startsAt is an ISO 8601 date-time' })
      .meta({ description: 'In the future (422 otherwise).', example: '2030-03-01T19:30:00Z' }),
    prices: z.strictObject({ standard: cents, premium: cents.optional(), accessible: cents.optional() }),
  })
  .meta({ id: 'ShowInput' });

export const ShowSchema = z
  .object({
    id: z.string(),
    movie: z.object({ id: z.string(), title: z.string(), durationMinutes: z.number().int() }),
    theater: z.object({ id: z.string(), name: z.string(), city: z.string() }),
    screen: z.object({ id: z.string(), name: z.string() }),
    startsAt: z.string(),
    endsAt: z.string(),
    prices: z.object({
      standard: z.number().int(),
      premium: z.number().int().optional(),
      accessible: z.number().int().optional(),
    }),
  })
  .meta({ id: 'Show' });

export const ShowListQuerySchema = z.object({
  movie: objectIdSchema('movie').optional(),
  city: nonBlank(z.string().trim().min(1).max(80)).optional().meta({ description: 'City, case-insensitive.' }),
  date: z.iso.date('date is YYYY-MM-DD').optional().meta({ description: 'Shows starting on this UTC day.' }),
  ...paginationShape({ sortable: ['startsAt'] as const, defaultSort: 'startsAt', maxLimit: 100 }),
});

export const ShowPageSchema = pageSchema(ShowSchema).meta({ id: 'ShowPage' });

export const SEAT_STATES = ['available', 'held', 'booked', 'blocked'] as const;

export const SeatMapSchema = z
  .object({
    showId: z.string(),
    rows: z.array(
      z.object({
        label: z.string(),
        seats: z.array(
          z.object({ id: z.string(), number: z.number().int(), type: z.enum(SEAT_TYPES), state: z.enum(SEAT_STATES) }),
        ),
      }),
    ),
    counts: z.record(z.enum(SEAT_STATES), z.number().int()),
  })
  .meta({ id: 'SeatMap' });

export const SeatListSchema = z
  .strictObject({
    seats: z
      .array(SeatIdSchema)
      .min(1, 'name at least one seat')
      .max(500)
      .transform((seats) => [...new Set(seats)]),
  })
  .meta({ id: 'SeatList' });

export const SeatParamsSchema = z.object({ id: objectIdSchema('id'), seat: SeatIdSchema });

export const ShowReportSchema = z
  .object({
    showId: z.string(),
    capacity: z.number().int(),
    seats: z.record(z.enum(SEAT_STATES), z.number().int()),
    occupancyPercent: z.number(),
    bookings: z.object({ confirmed: z.number().int(), cancelled: z.number().int(), activeHolds: z.number().int() }),
    revenue: z.number().int().meta({ description: 'Cents from confirmed bookings.' }),
    currency: z.string(),
  })
  .meta({ id: 'ShowReport' });

export type ShowInput = z.output<typeof ShowInputSchema>;
export type Show = z.output<typeof ShowSchema>;
export type ShowListQuery = z.output<typeof ShowListQuerySchema>;
export type SeatMap = z.output<typeof SeatMapSchema>;
export type SeatState = (typeof SEAT_STATES)[number];
export type SeatList = z.output<typeof SeatListSchema>;
export type SeatParams = z.output<typeof SeatParamsSchema>;
export type ShowReport = z.output<typeof ShowReportSchema>;
