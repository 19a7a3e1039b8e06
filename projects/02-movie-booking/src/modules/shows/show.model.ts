/**
 * A show: one movie on one screen at one time. `endsAt` (movie + cleaning gap) is stored so overlap
 * checks are one range query; `city` is copied from the theater so listing by city needs no join, and
 * `cityKey` (the city in lower case) so the case-insensitive city filter is an equality match.
 */
import { Schema, type Connection, type InferRawDocTypeFromSchema, type InferSchemaType, type Model } from 'mongoose';

const price = {
  type: Number,
  min: 0,
  max: 1_000_000,
  validate: { validator: Number.isInteger, message: 'prices are whole cents' },
};

const showSchema = new Schema(
  {
    movie: { type: Schema.Types.ObjectId, ref: 'Movie', required: true },
    theater: { type: Schema.Types.ObjectId, ref: 'Theater', required: true },
    screen: { type: Schema.Types.ObjectId, required: true },
    city: { type: String, required: true },
    /** `cityKeyOf(city)`: MongoDB reads it from an index, and FerretDB v1 sends it to PostgreSQL. */
    cityKey: { type: String, required: true },
    startsAt: { type: Date, required: true },
    endsAt: {
      type: Date,
      required: true,
      validate: {
        validator(this: { startsAt?: Date }, endsAt: Date) {
          return !this.startsAt || endsAt > this.startsAt;
        },
        message: 'a show ends after it starts',
      },
    },
    /** Cents per seat, by seat type; every type the screen has must be priced. */
    prices: {
      standard: { ...price, required: true },
      premium: price,
      accessible: price,
    },
  },
  { timestamps: true },
);
showSchema.index({ theater: 1, screen: 1, startsAt: 1 });
// The show list's queries, in its sort (startsAt, then `_id` as findPage's tie-breaker): by movie, by
// city, and unfiltered or by date, so MongoDB walks the index in page order instead of sorting every match.
showSchema.index({ movie: 1, startsAt: 1, _id: 1 });
showSchema.index({ cityKey: 1, startsAt: 1, _id: 1 });
showSchema.index({ startsAt: 1, _id: 1 });

/** The index the city filter used before `cityKey`; dropped where it is still found. */
export const OLD_CITY_INDEX = 'city_1_startsAt_1__id_1';

/**
 * What the city filter compares: the name trimmed and in lower case. A case-insensitive `$regex`
 * anchored at both ends matched the same shows, but MongoDB can only scan an index for it and
 * FerretDB v1 does not send it to PostgreSQL at all (it decodes every show to test it).
 */
export function cityKeyOf(city: string): string {
  return city.trim().toLowerCase();
}

export type ShowModel = Model<InferSchemaType<typeof showSchema>>;
/** A stored show as `.lean()` reads it. */
export type ShowRecord = InferRawDocTypeFromSchema<typeof showSchema>;

export function createShowModel(connection: Connection): ShowModel {
  return connection.model('Show', showSchema);
}
