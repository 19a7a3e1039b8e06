/** The only code that queries the categories collection. */
import type { Connection, Types } from 'mongoose';
import { createCategoryModel, type CategoryModel, type CategoryRecord } from './category.model.js';
import type { CategoryInput, CategoryPatch } from './category.schemas.js';

/** What a post shows of its category. */
export type CategorySummary = Pick<CategoryRecord, '_id' | 'name' | 'slug'>;

export class CategoryRepository {
  private readonly categories: CategoryModel;

  constructor(connection: Connection) {
    this.categories = createCategoryModel(connection);
  }

  /** Inserts the category; a taken slug fails with MongoDB's duplicate-key error. */
  async create(input: CategoryInput & { slug: string }): Promise<CategoryRecord> {
    const doc = await this.categories.create(input);
    return doc.toObject<CategoryRecord>();
  }

  async findAll(): Promise<CategoryRecord[]> {
    return this.categories.find().sort({ slug: 1 }).lean<CategoryRecord[]>();
  }

  async findById(id: string): Promise<CategoryRecord | null> {
    return this.categories.findById(id).lean<CategoryRecord>();
  }

  async findByName(name: string): Promise<CategoryRecord | null> {
    return this.categories.findOne({ name }).lean<CategoryRecord>();
  }

  async findIdBySlug(slug: string): Promise<Types.ObjectId | undefined> {
    return (await this.categories.findOne({ slug }, { _id: 1 }).lean<Pick<CategoryRecord, '_id'>>())?._id;
  }

  async findSummaries(ids: readonly Types.ObjectId[]): Promise<CategorySummary[]> {
    return this.categories.find({ _id: { $in: ids } }, { name: 1, slug: 1 }).lean<CategorySummary[]>();
  }

  async exists(id: string): Promise<boolean> {
    return (await this.categories.exists({ _id: id })) !== null;
  }

  /** The slugs taken that match `pattern`, to pick the next free one. */
  async slugsMatching(pattern: RegExp): Promise<string[]> {
    const docs = await this.categories.find({ slug: { $regex: pattern } }, { slug: 1 }).lean<{ slug: string }[]>();
    return docs.map((doc) => doc.slug);
  }

  async update(id: string, patch: CategoryPatch): Promise<CategoryRecord | null> {
    return this.categories.findByIdAndUpdate(id, { $set: patch }, { returnDocument: 'after' }).lean<CategoryRecord>();
  }

  async delete(id: string): Promise<void> {
    await this.categories.deleteOne({ _id: id });
  }

  /** Inserts the category unless one has its slug; answers the stored one (the seed). */
  async upsertBySlug(category: CategoryInput & { slug: string }): Promise<CategoryRecord> {
    return this.categories
      .findOneAndUpdate({ slug: category.slug }, { $setOnInsert: category }, { upsert: true, returnDocument: 'after' })
      .lean<CategoryRecord>()
      .orFail();
  }

  async ensureIndexes(): Promise<void> {
    await this.categories.createIndexes();
  }
}
