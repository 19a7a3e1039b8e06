/** Admin-managed categories. A category in use is never deleted silently: 409, or reassign first. */
import { ConflictError, isDuplicateKeyError, NotFoundError, ValidationError } from '@roadmap/core';
import { nextFreeSlug, slugFamilyPattern, slugify } from '@roadmap/core';
import type { BlogModels } from '../../models.js';
import type { CategoryDoc } from './category.model.js';
import type { Category, CategoryDeleteQuery, CategoryInput, CategoryPatch } from './category.schemas.js';

export function toCategory(doc: CategoryDoc): Category {
  return {
    id: doc._id.toString(),
    name: doc.name,
    slug: doc.slug,
    description: doc.description,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

export class CategoryService {
  private readonly models: BlogModels;

  constructor(models: BlogModels) {
    this.models = models;
  }

  async create(input: CategoryInput): Promise<Category> {
    const slug = slugify(input.name, '') || (await this.fallbackSlug(input.name));
    try {
      const doc = await this.models.Category.create({ ...input, slug });
      return toCategory(doc.toObject());
    } catch (err) {
      if (isDuplicateKeyError(err)) {
        throw new ConflictError(`A category with the slug "${slug}" already exists.`, { extensions: { slug } });
      }
      throw err;
    }
  }

  async list(): Promise<Category[]> {
    const docs = await this.models.Category.find().sort({ slug: 1 }).lean<CategoryDoc[]>();
    return docs.map(toCategory);
  }

  async get(id: string): Promise<Category> {
    const doc = await this.models.Category.findById(id).lean<CategoryDoc>();
    if (!doc) throw new NotFoundError(`Category ${id} does not exist.`);
    return toCategory(doc);
  }

  /** Renames keep the slug, so links to the category never break. */
  async update(id: string, patch: CategoryPatch): Promise<Category> {
    const doc = await this.models.Category.findByIdAndUpdate(
      id,
      { $set: patch },
      { returnDocument: 'after' },
    ).lean<CategoryDoc>();
    if (!doc) throw new NotFoundError(`Category ${id} does not exist.`);
    return toCategory(doc);
  }

  /**
   * Deletes a category. If posts use it: 409 with their count, unless `reassignTo` names another
   * category, in which case they move there first.
   */
  async delete(id: string, { reassignTo }: CategoryDeleteQuery): Promise<{ reassigned: number }> {
    const category = await this.models.Category.findById(id).lean<CategoryDoc>();
    if (!category) throw new NotFoundError(`Category ${id} does not exist.`);
    let reassigned = 0;
    if (reassignTo !== undefined) {
      if (reassignTo === id) {
        throw new ValidationError([{ field: 'query.reassignTo', message: 'must be another category' }]);
      }
      if (!(await this.models.Category.exists({ _id: reassignTo }))) {
        throw new ValidationError([{ field: 'query.reassignTo', message: 'category does not exist' }]);
      }
      const result = await this.models.Post.updateMany({ category: id }, { $set: { category: reassignTo } });
      reassigned = result.modifiedCount;
    }
    const inUse = await this.models.Post.countDocuments({ category: id });
    if (inUse > 0) {
      throw new ConflictError(
        `The category is used by ${inUse} post(s); pass ?reassignTo=<categoryId> to move them first.`,
        { extensions: { postCount: inUse } },
      );
    }
    await this.models.Category.deleteOne({ _id: id });
    return { reassigned };
  }

  /**
   * A name with no letters a slug can use (e.g. "日本語") gets the next free `category-<n>`, so two
   * such names do not collide; the same name twice is still a 409.
   */
  private async fallbackSlug(name: string): Promise<string> {
    const existing = await this.models.Category.findOne({ name }, { slug: 1 }).lean<Pick<CategoryDoc, 'slug'>>();
    if (existing) {
      throw new ConflictError(`A category named "${name}" already exists.`, { extensions: { slug: existing.slug } });
    }
    const taken = await this.models.Category.find(
      { slug: { $regex: slugFamilyPattern('category') } },
      { slug: 1 },
    ).lean<Pick<CategoryDoc, 'slug'>[]>();
    return nextFreeSlug(
      'category',
      taken.map((doc) => doc.slug),
    );
  }
}
