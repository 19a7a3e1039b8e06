/** Request pieces several modules share: ObjectId path parameters and seat id lists. */
import { isValidObjectId } from 'mongoose';
import { z } from 'zod';

export const objectId = (name: string) =>
  z
    .string()
    .refine((value) => /^[0-9a-f]{24}$/i.test(value) && isValidObjectId(value), {
      message: `${name} must be an id (24 hex characters)`,
    })
    .meta({ description: `${name} (ObjectId)`, example: '665f1c2ab3d4e5f601234567' });

export const IdParamsSchema = z.object({ id: objectId('id') });
export type IdParams = z.output<typeof IdParamsSchema>;

export const seatId = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,2}[1-9][0-9]{0,2}$/, 'a seat is a row letter and a number, e.g. C7');
