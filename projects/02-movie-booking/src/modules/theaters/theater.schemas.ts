/** Request and response schemas of the theaters API. */
import { atLeastOneField, fieldRule, nonBlank, pageSchema, paginationShape } from '@roadmap/core';
import { z } from 'zod';
import { layoutProblems, ROW_LABEL, SEAT_ID, SEAT_TYPES } from './seat-layout.js';

/** A seat id in a request: a row letter and a number, e.g. `C7` (`c7` is read as `C7`). */
export const SeatIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(SEAT_ID, 'a seat is a row letter and a number, e.g. C7')
  // Documented as sent: letters in either case (they are upper-cased first).
  .meta({ pattern: '^[A-Za-z]{1,2}[1-9][0-9]{0,2}$', example: 'C7' });

const seatNumbers = z.array(z.number().int().min(1).max(60)).max(60).default([]);

export const RowInputSchema = z.strictObject({
  label: z
    .string()
    .trim()
    .toUpperCase()
    .regex(ROW_LABEL, 'a row label is one or two letters')
    .meta({ pattern: '^[A-Za-z]{1,2}$', example: 'A' }),
  seatCount: z.number().int().min(1).max(60),
  type: z.enum(['standard', 'premium']).default('standard'),
  accessibleSeats: seatNumbers,
  missingSeats: seatNumbers,
});

export const ScreenInputSchema = z
  .strictObject({
    name: nonBlank(z.string().trim().min(1).max(60)).meta({ example: 'Screen 1' }),
    rows: z
      .array(RowInputSchema)
      .min(1, 'a screen has at least one row')
      .max(40)
      .superRefine((rows, ctx) => {
        for (const message of layoutProblems(rows)) ctx.addIssue({ code: 'custom', ...fieldRule(message) });
      })
      .meta({
        description:
          'Row labels are unique; accessible and missing seats are seat numbers of their row; the layout has a seat (422 otherwise).',
      }),
  })
  .meta({ id: 'ScreenInput' });

const theaterFields = {
  name: nonBlank(z.string().trim().min(1).max(120)).meta({ example: 'Odeon Leicester Square' }),
  city: nonBlank(z.string().trim().min(1).max(80)).meta({ example: 'London' }),
  address: nonBlank(z.string().trim().min(1).max(300)).meta({ example: '24-26 Leicester Square, WC2H 7JY' }),
};

export const TheaterInputSchema = z
  .strictObject({
    ...theaterFields,
    screens: z
      .array(ScreenInputSchema)
      .max(30)
      .default([])
      .refine(
        (screens) => new Set(screens.map((s) => s.name)).size === screens.length,
        fieldRule('screen names must be unique'),
      )
      .meta({ description: 'Screen names are unique within the theater (422 otherwise).' }),
  })
  .meta({ id: 'TheaterInput' });

export const TheaterPatchSchema = atLeastOneField(
  z.strictObject({
    name: theaterFields.name.optional(),
    city: theaterFields.city.optional(),
    address: theaterFields.address.optional(),
  }),
).meta({ id: 'TheaterPatch' });

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
  city: nonBlank(z.string().trim().min(1).max(80))
    .optional()
    .meta({ description: 'Exact city name, case-insensitive.' }),
  ...paginationShape({ sortable: ['name', 'city'] as const, defaultSort: 'name', maxLimit: 100 }),
});

export const TheaterPageSchema = pageSchema(TheaterSchema).meta({ id: 'TheaterPage' });

export type ScreenInput = z.output<typeof ScreenInputSchema>;
export type TheaterInput = z.output<typeof TheaterInputSchema>;
export type TheaterPatch = z.output<typeof TheaterPatchSchema>;
export type Theater = z.output<typeof TheaterSchema>;
export type Screen = z.output<typeof ScreenSchema>;
export type TheaterListQuery = z.output<typeof TheaterListQuerySchema>;
