/** Request pieces several modules share: ObjectId path parameters and seat id lists. */
import { objectIdSchema } from '@roadmap/core';
import { z } from 'zod';

export const IdParamsSchema = z.object({ id: objectIdSchema('id') });
export type IdParams = z.output<typeof IdParamsSchema>;

export const seatId = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,2}[1-9][0-9]{0,2}$/, 'a seat is a row letter and a number, e.g. C7');
