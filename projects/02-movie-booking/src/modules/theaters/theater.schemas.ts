/** Request and response schemas of the theaters API. */
import { pageSchema, paginationShape } from '@roadmap/core';
import { z } from 'zod';
import { layoutProblems, ROW_LABEL, SEAT_ID, SEAT_TYPES } from './seat-layout.js';

/** A seat id in a request: a row letter and a number, e.g. `C7` (`c7` is read as `C7`). */
export const SeatIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(SEAT_ID, 'a seat is a row letter and a number, e.g. C7');

const seatNumbers = z.array(z.number().int().min(1).max(60)).max(60).default([]);

export const RowInputSchema = z.strictObject({
  label: z.string().trim().toUpperCase().regex(ROW_LABEL, 'a row label is one or two letters'),
  seatCount: z.number().int().min(1).max(60),
  type: z.enum(['standard', 'premium']).default('standard'),
  accessibleSeats: seatNumbers,
  missingSeats: seatNumbers,
});

export const ScreenInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(60),
    rows: z
      .array(RowInputSchema)
      .min(1, 'a screen has at least one row')
      .max(40)
      .superRefine((rows, ctx) => {
        for (const message of layoutProblems(rows)) ctx.addIssue({ code: 'custom', message });
      }),
  })
  .meta({ id: 'ScreenInput' });

const theaterFields = {
  name: z.string().trim().min(1).max(120),
  city: z.string().trim().min(1).max(80),
  address: z.string().trim().min(1).max(300),
};

export const TheaterInputSchema = z
  .strictObject({
    ...theaterFields,
    screens: z
      .array(ScreenInputSchema)
      .max(30)
      .default([])
      .refine((screens) => new Set(screens.map((s) => s.name)).size === screens.length, {
        message: 'screen names must be unique',
      }),
  })
  .meta({ id: 'TheaterInput' });

export const TheaterPatchSchema = z
  .strictObject({
    name: theaterFields.name.optional(),
    city: theaterFields.city.optional(),
    address: theaterFields.address.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { message: 'send at least one field to change' })
  .meta({ id: 'TheaterPatch' });

export const ScreenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    capacity: z.number().int(),
    seatTypes: z.array(z.enum(SEAT_TYPES)),
    rows: z.array(
      z.object({
        label: z.string(),
        seatCount: z.number().int(),
        type: z.enum(['standard', 'premium']),
        accessibleSeats: z.array(z.number().int()),
        missingSeats: z.array(z.number().int()),
      }),
    ),
  })
  .meta({ id: 'Screen' });

export const TheaterSchema = z
  .object({ id: z.string(), name: z.string(), city: z.string(), address: z.string(), screens: z.array(ScreenSchema) })
  .meta({ id: 'Theater' });

export const TheaterListQuerySchema = z.object({
  city: z.string().trim().min(1).max(80).optional().meta({ description: 'Exact city name, case-insensitive.' }),
  ...paginationShape({ sortable: ['name', 'city'] as const, defaultSort: 'name', maxLimit: 100 }),
});

export const TheaterPageSchema = pageSchema(TheaterSchema).meta({ id: 'TheaterPage' });

export type ScreenInput = z.output<typeof ScreenInputSchema>;
export type TheaterInput = z.output<typeof TheaterInputSchema>;
export type TheaterPatch = z.output<typeof TheaterPatchSchema>;
export type Theater = z.output<typeof TheaterSchema>;
export type Screen = z.output<typeof ScreenSchema>;
export type TheaterListQuery = z.output<typeof TheaterListQuerySchema>;
