/** A stored category as the API shows it. */
import type { CategoryRecord } from './category.model.js';
import type { Category } from './category.schemas.js';

export function toCategory(doc: CategoryRecord): Category {
  return {
    id: doc._id.toString(),
    name: doc.name,
    slug: doc.slug,
    description: doc.description ?? '',
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}
