/** Admin-managed categories. A category in use is never deleted silently: 409, or reassign first. */
import {
  ConflictError,
  isDuplicateKeyError,
  nextFreeSlug,
  NotFoundError,
  slugFamilyPattern,
  slugify,
  FieldRuleError,
} from '@roadmap/core';
import type { CategoryRepository } from './category.repository.js';
import type { Category, CategoryDeleteQuery, CategoryInput, CategoryPatch } from './category.schemas.js';
import { toCategory } from './category.view.js';

/** The posts filed under categories (the posts feature answers). */
export interface CategorizedPosts {
  countIn(categoryId: string): Promise<number>;
  /** Moves every post of one category to another; answers how many moved. */
  moveAll(fromCategoryId: string, toCategoryId: string): Promise<number>;
}

export interface CategoryServiceDeps {
  categories: CategoryRepository;
  posts: CategorizedPosts;
}

export class CategoryService {
  constructor(private readonly deps: CategoryServiceDeps) {}

  async create(input: CategoryInput): Promise<Category> {
    const slug = slugify(input.name, '') || (await this.fallbackSlug(input.name));
    try {
      return toCategory(await this.deps.categories.create({ ...input, slug }));
    } catch (err) {
      if (isDuplicateKeyError(err)) {
        throw new ConflictError(`A category with the slug "${slug}" already exists.`, { extensions: { slug } });
      }
      throw err;
    }
  }

  async list(): Promise<Category[]> {
    return (await this.deps.categories.findAll()).map(toCategory);
  }

  async get(id: string): Promise<Category> {
    const doc = await this.deps.categories.findById(id);
    if (!doc) throw new NotFoundError(`Category ${id} does not exist.`);
    return toCategory(doc);
  }

  /** Renames keep the slug, so links to the category never break. */
  async update(id: string, patch: CategoryPatch): Promise<Category> {
    const doc = await this.deps.categories.update(id, patch);
    if (!doc) throw new NotFoundError(`Category ${id} does not exist.`);
    return toCategory(doc);
  }

  /**
   * Deletes a category. If posts use it: 409 with their count, unless `reassignTo` names another
   * category, in which case they move there first.
   */
  async delete(id: string, { reassignTo }: CategoryDeleteQuery): Promise<{ reassigned: number }> {
    const { categories, posts } = this.deps;
    if (!(await categories.findById(id))) throw new NotFoundError(`Category ${id} does not exist.`);
    let reassigned = 0;
    if (reassignTo !== undefined) {
      if (reassignTo === id) {
        throw new FieldRuleError([{ field: 'query.reassignTo', message: 'must be another category' }]);
      }
      if (!(await categories.exists(reassignTo))) {
        throw new FieldRuleError([{ field: 'query.reassignTo', message: 'category does not exist' }]);
      }
      reassigned = await posts.moveAll(id, reassignTo);
    }
    const inUse = await posts.countIn(id);
    if (inUse > 0) {
      throw new ConflictError(
        `The category is used by ${inUse} post(s); pass ?reassignTo=<categoryId> to move them first.`,
        { extensions: { postCount: inUse } },
      );
    }
    await categories.delete(id);
    return { reassigned };
  }

  /**
   * A name with no letters a slug can use (e.g. "日本語") gets the next free `category-<n>`, so two
   * such names do not collide; the same name twice is still a 409.
   */
  private async fallbackSlug(name: string): Promise<string> {
    const existing = await this.deps.categories.findByName(name);
    if (existing) {
      throw new ConflictError(`A category named "${name}" already exists.`, { extensions: { slug: existing.slug } });
    }
    return nextFreeSlug('category', await this.deps.categories.slugsMatching(slugFamilyPattern('category')));
  }
}
