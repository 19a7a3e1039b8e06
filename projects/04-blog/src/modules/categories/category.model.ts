/** Categories: a name admins choose and a slug made from it once (renames keep the slug). */
import { Schema, type Connection, type InferRawDocTypeFromSchema, type InferSchemaType, type Model } from 'mongoose';

const categorySchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 60 },
    slug: { type: String, required: true },
    description: { type: String, default: '', maxlength: 500 },
  },
  { timestamps: true, strict: 'throw' },
);
categorySchema.index({ slug: 1 }, { unique: true });

export type CategoryModel = Model<InferSchemaType<typeof categorySchema>>;
/** A stored category as `.lean()` reads it. */
export type CategoryRecord = InferRawDocTypeFromSchema<typeof categorySchema>;

export function createCategoryModel(connection: Connection): CategoryModel {
  return connection.model('Category', categorySchema);
}
