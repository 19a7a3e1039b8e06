import { Schema, type Connection, type HydratedDocument, type Model, type Types } from 'mongoose';

export interface CategoryDoc {
  _id: Types.ObjectId;
  name: string;
  slug: string;
  description: string;
  createdAt: Date;
  updatedAt: Date;
}

export const categorySchema = new Schema<CategoryDoc>(
  {
    name: { type: String, required: true, trim: true, maxlength: 60 },
    slug: { type: String, required: true },
    description: { type: String, default: '', maxlength: 500 },
  },
  { timestamps: true, strict: 'throw' },
);
categorySchema.index({ slug: 1 }, { unique: true });

export type CategoryModel = Model<CategoryDoc>;
export type CategoryDocument = HydratedDocument<CategoryDoc>;

export function createCategoryModel(connection: Connection): CategoryModel {
  return connection.model<CategoryDoc>('Category', categorySchema);
}
