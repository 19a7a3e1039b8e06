/** Theaters with their screens; each screen embeds its seat layout (rows are small and read together). */
import { Schema, type Connection, type InferRawDocTypeFromSchema, type InferSchemaType, type Model } from 'mongoose';
import { layoutProblems, ROW_LABEL, type RowLayout } from './seat-layout.js';

const rowSchema = new Schema(
  {
    label: { type: String, required: true, match: [ROW_LABEL, 'a row label is one or two capital letters'] },
    seatCount: { type: Number, required: true, min: 1, max: 60 },
    type: { type: String, enum: ['standard', 'premium'], default: 'standard', required: true },
    accessibleSeats: { type: [Number], default: [] },
    missingSeats: { type: [Number], default: [] },
  },
  { _id: false },
);

const screenSchema = new Schema({
  name: { type: String, required: true, trim: true, minlength: 1, maxlength: 60 },
  rows: {
    type: [rowSchema],
    required: true,
    validate: [
      {
        validator: (rows: RowLayout[]) => rows.length >= 1 && rows.length <= 40,
        message: 'a screen has 1 to 40 rows',
      },
      {
        validator: (rows: RowLayout[]) => layoutProblems(rows).length === 0,
        message: (props: { value: RowLayout[] }) => layoutProblems(props.value).join('; '),
      },
    ],
  },
});

const theaterSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, minlength: 1, maxlength: 120 },
    city: { type: String, required: true, trim: true, minlength: 1, maxlength: 80 },
    address: { type: String, required: true, trim: true, minlength: 1, maxlength: 300 },
    screens: {
      type: [screenSchema],
      default: [],
      validate: {
        validator: (screens: { name: string }[]) => new Set(screens.map((s) => s.name)).size === screens.length,
        message: 'screen names must be unique within a theater',
      },
    },
  },
  { timestamps: true },
);
theaterSchema.index({ city: 1, name: 1 }, { unique: true });

export type TheaterModel = Model<InferSchemaType<typeof theaterSchema>>;
/** A stored screen: its id, name and seat rows. */
export type ScreenRecord = InferRawDocTypeFromSchema<typeof screenSchema>;
/**
 * A stored theater as `.lean()` reads it. Mongoose's raw type does not reach into arrays of
 * subdocuments, so the screens take their type from their own schema.
 */
export type TheaterRecord = Omit<InferRawDocTypeFromSchema<typeof theaterSchema>, 'screens'> & {
  screens: ScreenRecord[];
};

export function createTheaterModel(connection: Connection): TheaterModel {
  return connection.model('Theater', theaterSchema);
}
