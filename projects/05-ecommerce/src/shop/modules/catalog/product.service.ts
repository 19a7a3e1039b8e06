/** Catalog rules: reads through the cache, admin writes that invalidate it, 409 on a taken slug or SKU. */
import { createHash } from 'node:crypto';
import { ConflictError, NotFoundError, ValidationError } from '@roadmap/core';
import type { Kysely } from 'kysely';
import { isForeignKeyViolation, isUniqueViolation } from '../../../platform/database.js';
import type { ShopDatabase } from '../../database.js';
import type { CatalogCache, CacheRead } from './catalog-cache.js';
import type { ProductRepository } from './product.repository.js';
import type {
  Category,
  CategoryInput,
  Product,
  ProductInput,
  ProductListQuery,
  ProductPatch,
  VariantInput,
  VariantPatch,
} from './product.schemas.js';
import { searchProducts } from './product.search.js';
import { toProduct } from './product.view.js';

const CONFLICTS: Record<string, string> = {
  products_slug_key: 'A product with this slug already exists.',
  variants_sku_key: 'A variant with this SKU already exists.',
  categories_slug_key: 'A category with this slug already exists.',
};

function conflictOf(err: unknown): ConflictError | undefined {
  if (!isUniqueViolation(err)) return undefined;
  const constraint = String((err as { constraint?: unknown }).constraint);
  return new ConflictError(CONFLICTS[constraint] ?? 'The resource already exists.', { extensions: { constraint } });
}

export class ProductService {
  constructor(
    private readonly db: Kysely<ShopDatabase>,
    private readonly products: ProductRepository,
    private readonly cache: CatalogCache,
  ) {}

  list(query: ProductListQuery): Promise<CacheRead> {
    const key = `list:${createHash('sha1').update(JSON.stringify(query)).digest('hex')}`;
    return this.cache.read(key, () => searchProducts(this.db, query));
  }

  /** A published product by slug; a product that is not published is not found. */
  async getPublished(slug: string): Promise<CacheRead> {
    const read = await this.cache.read(`product:${slug}`, async () => {
      const record = await this.products.findBy('slug', slug);
      return record?.published ? toProduct(record) : null;
    });
    if (read.json === 'null') throw new NotFoundError(`No product "${slug}".`);
    return read;
  }

  async getById(id: string): Promise<Product> {
    const record = await this.products.findBy('id', id);
    if (!record) throw new NotFoundError(`Product ${id} does not exist.`);
    return toProduct(record);
  }

  async create(input: ProductInput): Promise<Product> {
    const categoryId = input.categorySlug ? await this.requireCategory(input.categorySlug) : null;
    let id: string;
    try {
      id = await this.db.transaction().execute((trx) => this.products.insertProduct(trx, input, categoryId));
    } catch (err) {
      throw conflictOf(err) ?? err;
    }
    await this.cache.invalidate();
    return this.getById(id);
  }

  async update(id: string, patch: ProductPatch): Promise<Product> {
    const categoryId =
      patch.categorySlug === undefined
        ? undefined
        : patch.categorySlug && (await this.requireCategory(patch.categorySlug));
    if (!(await this.products.updateProduct(id, patch, categoryId)))
      throw new NotFoundError(`Product ${id} does not exist.`);
    await this.cache.invalidate();
    return this.getById(id);
  }

  async remove(id: string): Promise<void> {
    try {
      if (!(await this.products.deleteProduct(id))) throw new NotFoundError(`Product ${id} does not exist.`);
    } catch (err) {
      if (isForeignKeyViolation(err)) {
        throw new ConflictError('The product has been ordered, so it stays; unpublish it instead.');
      }
      throw err;
    }
    await this.cache.invalidate();
  }

  async addVariant(productId: string, variant: VariantInput): Promise<Product> {
    const currency = await this.products.productCurrency(productId);
    if (currency === undefined) {
      if (!(await this.products.findBy('id', productId)))
        throw new NotFoundError(`Product ${productId} does not exist.`);
    } else if (currency !== variant.currency) {
      throw new ValidationError([{ field: 'body.currency', message: `this product is priced in ${currency}` }]);
    }
    try {
      await this.products.insertVariant(this.db, productId, variant);
    } catch (err) {
      throw conflictOf(err) ?? err;
    }
    await this.cache.invalidate();
    return this.getById(productId);
  }

  async updateVariant(variantId: string, patch: VariantPatch): Promise<Product> {
    const variant = await this.products.updateVariant(variantId, patch);
    if (!variant) throw new NotFoundError(`Variant ${variantId} does not exist.`);
    await this.cache.invalidate();
    return this.getById(variant.product_id);
  }

  listCategories(): Promise<Category[]> {
    return this.products.listCategories();
  }

  async createCategory(input: CategoryInput): Promise<Category> {
    try {
      const category = await this.products.insertCategory(input);
      await this.cache.invalidate();
      return category;
    } catch (err) {
      throw conflictOf(err) ?? err;
    }
  }

  private async requireCategory(slug: string): Promise<string> {
    const id = await this.products.categoryId(slug);
    if (!id) throw new ValidationError([{ field: 'body.categorySlug', message: `no category "${slug}"` }]);
    return id;
  }
}
