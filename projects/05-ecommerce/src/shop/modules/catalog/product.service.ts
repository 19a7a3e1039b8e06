/**
 * Catalog rules: reads through the cache; admin writes, each audited in its transaction, that invalidate
 * it; 409 on a taken slug or SKU.
 */
import { createHash } from 'node:crypto';
import { ConflictError, FieldRuleError, NotFoundError } from '@roadmap/core';
import type { Kysely, Transaction } from 'kysely';
import { isForeignKeyViolation, isUniqueViolation } from '../../../platform/database.js';
import type { ShopDatabase } from '../../database.js';
import type { AdminActor, AuditLog } from '../audit/index.js';
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

export interface ProductServiceDeps {
  db: Kysely<ShopDatabase>;
  products: ProductRepository;
  cache: CatalogCache;
  audit: AuditLog;
}

export class ProductService {
  private readonly db: Kysely<ShopDatabase>;
  private readonly products: ProductRepository;
  private readonly cache: CatalogCache;
  private readonly audit: AuditLog;

  constructor(deps: ProductServiceDeps) {
    this.db = deps.db;
    this.products = deps.products;
    this.cache = deps.cache;
    this.audit = deps.audit;
  }

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

  async create(input: ProductInput, actor: AdminActor): Promise<Product> {
    const categoryId = input.categorySlug ? await this.requireCategory(input.categorySlug) : null;
    const id = await this.write(async (trx) => {
      const created = await this.products.insertProduct(trx, input, categoryId);
      await this.audit.record(trx, actor, 'product.create', { type: 'product', id: created }, { slug: input.slug });
      return created;
    });
    return this.getById(id);
  }

  async update(id: string, patch: ProductPatch, actor: AdminActor): Promise<Product> {
    const categoryId =
      patch.categorySlug === undefined
        ? undefined
        : patch.categorySlug && (await this.requireCategory(patch.categorySlug));
    await this.write(async (trx) => {
      if (!(await this.products.updateProduct(id, patch, categoryId, trx)))
        throw new NotFoundError(`Product ${id} does not exist.`);
      await this.audit.record(trx, actor, 'product.update', { type: 'product', id }, { changes: patch });
    });
    return this.getById(id);
  }

  async remove(id: string, actor: AdminActor): Promise<void> {
    try {
      await this.write(async (trx) => {
        if (!(await this.products.deleteProduct(id, trx))) throw new NotFoundError(`Product ${id} does not exist.`);
        await this.audit.record(trx, actor, 'product.delete', { type: 'product', id });
      });
    } catch (err) {
      if (isForeignKeyViolation(err)) {
        throw new ConflictError('The product has been ordered, so it stays; unpublish it instead.');
      }
      throw err;
    }
  }

  async addVariant(productId: string, variant: VariantInput, actor: AdminActor): Promise<Product> {
    const currency = await this.products.productCurrency(productId);
    if (currency === undefined) {
      if (!(await this.products.findBy('id', productId)))
        throw new NotFoundError(`Product ${productId} does not exist.`);
    } else if (currency !== variant.currency) {
      throw new FieldRuleError([{ field: 'body.currency', message: `this product is priced in ${currency}` }]);
    }
    await this.write(async (trx) => {
      const created = await this.products.insertVariant(trx, productId, variant);
      await this.audit.record(trx, actor, 'variant.create', { type: 'variant', id: created.id }, { sku: variant.sku });
    });
    return this.getById(productId);
  }

  async updateVariant(variantId: string, patch: VariantPatch, actor: AdminActor): Promise<Product> {
    const variant = await this.write(async (trx) => {
      const updated = await this.products.updateVariant(variantId, patch, trx);
      if (!updated) throw new NotFoundError(`Variant ${variantId} does not exist.`);
      await this.audit.record(trx, actor, 'variant.update', { type: 'variant', id: variantId }, { changes: patch });
      return updated;
    });
    return this.getById(variant.product_id);
  }

  listCategories(): Promise<Category[]> {
    return this.products.listCategories();
  }

  createCategory(input: CategoryInput, actor: AdminActor): Promise<Category> {
    return this.write(async (trx) => {
      const category = await this.products.insertCategory(input, trx);
      await this.audit.record(
        trx,
        actor,
        'category.create',
        { type: 'category', id: category.id },
        { slug: input.slug },
      );
      return category;
    });
  }

  /** One catalog write and its audit entry in a transaction; the cache is invalidated after the commit. */
  private async write<T>(work: (trx: Transaction<ShopDatabase>) => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await this.db.transaction().execute(work);
    } catch (err) {
      throw conflictOf(err) ?? err;
    }
    await this.cache.invalidate();
    return result;
  }

  private async requireCategory(slug: string): Promise<string> {
    const id = await this.products.categoryId(slug);
    if (!id) throw new FieldRuleError([{ field: 'body.categorySlug', message: `no category "${slug}"` }]);
    return id;
  }
}
