/** Request pieces several modules share: ObjectId path parameters and seat id lists. */
import { objectIdSchema } from '@roadmap/core';
import { z } from 'zod';
import { SEAT_ID } from './theaters/seat-layout.js';

export const IdParamsSchema = z.object({ id: objectIdSchema('id') });
export type IdParams = z.output<typeof IdParamsSchema>;

export const seatId = z.string().trim().toUpperCase().regex(SEAT_ID, 'a seat is a row letter and a number, e.g. C7');
