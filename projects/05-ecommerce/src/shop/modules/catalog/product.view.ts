/** Stored product -> API shape. The public view says whether a variant is in stock, never how many. */
import type { ProductRecord } from './product.repository.js';
import type { Product } from './product.schemas.js';

export function toProduct(record: ProductRecord): Product {
  return {
    id: record.id,
    slug: record.slug,
    name: record.name,
    description: record.description,
    category: record.category,
    imageUrls: record.image_urls,
    published: record.published,
    variants: record.variants.map((variant) => ({
      id: variant.id,
      sku: variant.sku,
      options: variant.options,
      priceMinor: variant.price_minor,
      currency: variant.currency,
      inStock: variant.on_hand > variant.reserved,
    })),
    createdAt: record.created_at.toISOString(),
    updatedAt: record.updated_at.toISOString(),
  };
}
