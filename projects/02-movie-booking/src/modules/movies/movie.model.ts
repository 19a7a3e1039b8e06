/** Movies: what can be shown. Archived movies stay for old bookings but get no new shows. */
import { Schema, type Connection, type InferRawDocTypeFromSchema, type InferSchemaType, type Model } from 'mongoose';

export const MOVIE_STATUSES = ['now_showing', 'coming_soon', 'archived'] as const;
export const CERTIFICATIONS = ['G', 'PG', 'PG-13', 'R', 'NC-17'] as const;

const nonEmptyList = (max: number) => ({
  validator: (list: string[]) => list.length >= 1 && list.length <= max,
  message: `give 1 to ${max} values`,
});

const movieSchema = new Schema(
  {
    title: { type: String, required: true, trim: true, minlength: 1, maxlength: 200 },
    description: { type: String, default: '', maxlength: 5000 },
    genres: { type: [String], validate: nonEmptyList(10) },
    languages: { type: [String], validate: nonEmptyList(10) },
    durationMinutes: {
      type: Number,
      required: true,
      min: 1,
      max: 600,
      validate: { validator: Number.isInteger, message: 'duration is whole minutes' },
    },
    certification: { type: String, enum: CERTIFICATIONS, required: true },
    releaseDate: { type: Date, required: true },
    posterUrl: {
      type: String,
      validate: { validator: (url: string) => /^https?:\/\/\S+$/.test(url), message: 'poster URL must be http(s)' },
    },
    status: { type: String, enum: MOVIE_STATUSES, default: 'coming_soon', required: true },
  },
  { timestamps: true },
);
// One movie per title and release date: re-running the seed or a double POST cannot duplicate it.
movieSchema.index({ title: 1, releaseDate: 1 }, { unique: true });
movieSchema.index({ status: 1, releaseDate: -1 });
movieSchema.index({ genres: 1 });

export type MovieModel = Model<InferSchemaType<typeof movieSchema>>;
/** A stored movie as `.lean()` reads it: its fields, id and timestamps. */
export type MovieRecord = InferRawDocTypeFromSchema<typeof movieSchema>;

/** The model on this connection; asking again (tests reading state) answers the same model. */
export function createMovieModel(connection: Connection): MovieModel {
  return connection.model('Movie', movieSchema);
}
