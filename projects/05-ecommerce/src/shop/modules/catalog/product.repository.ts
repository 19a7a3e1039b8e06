/** The only file that writes or reads products, variants and categories one at a time. */
import type { Kysely, Transaction } from 'kysely';
import type { ShopDatabase, VariantRow } from '../../database.js';
import type { CategoryInput, ProductInput, ProductPatch, VariantInput, VariantPatch } from './product.schemas.js';

type Db = Kysely<ShopDatabase> | Transaction<ShopDatabase>;

export interface ProductRecord {
  id: string;
  slug: string;
  name: string;
  description: string;
  image_urls: string[];
  published: boolean;
  created_at: Date;
  updated_at: Date;
  category: { id: string; slug: string; name: string } | null;
  variants: VariantRow[];
}

export class ProductRepository {
  constructor(private readonly db: Kysely<ShopDatabase>) {}

  async findBy(field: 'slug' | 'id', value: string, db: Db = this.db): Promise<ProductRecord | undefined> {
    const product = await db
      .selectFrom('products as p')
      .leftJoin('categories as c', 'c.id', 'p.category_id')
      .select([
        'p.id',
        'p.slug',
        'p.name',
        'p.description',
        'p.image_urls',
        'p.published',
        'p.created_at',
        'p.updated_at',
        'c.id as category_id',
        'c.slug as category_slug',
        'c.name as category_name',
      ])
      .where(`p.${field}`, '=', value)
      .executeTakeFirst();
    if (!product) return undefined;
    const variants = await db
      .selectFrom('variants')
      .selectAll()
      .where('product_id', '=', product.id)
      .orderBy('price_minor')
      .orderBy('sku')
      .execute();
    const { category_id, category_slug, category_name, ...rest } = product;
    return {
      ...rest,
      category:
        category_id && category_slug && category_name
          ? { id: category_id, slug: category_slug, name: category_name }
          : null,
      variants,
    };
  }

  async categoryId(slug: string, db: Db = this.db): Promise<string | undefined> {
    const row = await db.selectFrom('categories').select('id').where('slug', '=', slug).executeTakeFirst();
    return row?.id;
  }

  async insertProduct(trx: Db, input: ProductInput, categoryId: string | null): Promise<string> {
    const { id } = await trx
      .insertInto('products')
      .values({
        slug: input.slug,
        name: input.name,
        description: input.description,
        category_id: categoryId,
        image_urls: input.imageUrls,
        published: input.published,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const variant of input.variants) await this.insertVariant(trx, id, variant);
    return id;
  }

  async insertVariant(trx: Db, productId: string, variant: VariantInput): Promise<VariantRow> {
    return trx
      .insertInto('variants')
      .values({
        product_id: productId,
        sku: variant.sku,
        options: variant.options,
        price_minor: variant.priceMinor,
        currency: variant.currency,
        on_hand: variant.onHand,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async updateProduct(
    id: string,
    patch: ProductPatch,
    categoryId: string | null | undefined,
    db: Db = this.db,
  ): Promise<boolean> {
    const result = await db
      .updateTable('products')
      .set({
        ...(patch.name === undefined ? {} : { name: patch.name }),
        ...(patch.description === undefined ? {} : { description: patch.description }),
        ...(patch.imageUrls === undefined ? {} : { image_urls: patch.imageUrls }),
        ...(patch.published === undefined ? {} : { published: patch.published }),
        ...(categoryId === undefined ? {} : { category_id: categoryId }),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async updateVariant(id: string, patch: VariantPatch, db: Db = this.db): Promise<VariantRow | undefined> {
    return db
      .updateTable('variants')
      .set({
        ...(patch.priceMinor === undefined ? {} : { price_minor: patch.priceMinor }),
        ...(patch.options === undefined ? {} : { options: patch.options }),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  }

  async deleteProduct(id: string, db: Db = this.db): Promise<boolean> {
    const result = await db.deleteFrom('products').where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async productCurrency(productId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('variants')
      .select('currency')
      .where('product_id', '=', productId)
      .executeTakeFirst();
    return row?.currency;
  }

  async listCategories(): Promise<{ id: string; slug: string; name: string }[]> {
    return this.db.selectFrom('categories').select(['id', 'slug', 'name']).orderBy('slug').execute();
  }

  async insertCategory(input: CategoryInput, db: Db = this.db): Promise<{ id: string; slug: string; name: string }> {
    return db.insertInto('categories').values(input).returning(['id', 'slug', 'name']).executeTakeFirstOrThrow();
  }
}
