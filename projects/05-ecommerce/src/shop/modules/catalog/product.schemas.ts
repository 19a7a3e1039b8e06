import {
  atLeastOneField,
  fieldRule,
  nonBlank,
  paginationShape,
  queryBoolean,
  queryInteger,
  uuidSchema,
} from '@roadmap/core';
import { z } from 'zod';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens')
  .max(80)
  .meta({ example: 'black-tee' });
const text = (max: number) => nonBlank(z.string().trim().min(1).max(max));
const name = (max: number, example: string) => text(max).meta({ example });
const description = z.string().trim().max(5000).meta({ example: 'A soft cotton tee.' });
const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')
  .meta({ example: 'EUR' });
const priceMinor = z
  .number()
  .int()
  .min(0)
  .max(100_000_000)
  .meta({ description: 'Price in minor units (cents).', example: 1999 });

export const VariantInputSchema = z
  .strictObject({
    sku: z
      .string()
      .regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/, 'must be 2-40 upper-case letters, digits or hyphens')
      .meta({ example: 'TEE-BLK-M' }),
    options: z
      .record(z.string().max(40), z.string().max(60))
      .default({})
      .meta({ example: { size: 'M' } }),
    priceMinor,
    currency,
    onHand: z.number().int().min(0).max(1_000_000).default(0),
  })
  .meta({ id: 'VariantInput' });

export const ProductInputSchema = z
  .strictObject({
    slug,
    name: name(120, 'Black tee'),
    description: description.default(''),
    categorySlug: slug.optional(),
    imageUrls: z.array(z.url()).max(10).default([]),
    published: z.boolean().default(false),
    variants: z.array(VariantInputSchema).min(1).max(50).meta({ description: 'All in one currency (422 otherwise).' }),
  })
  .refine((p) => new Set(p.variants.map((v) => v.currency)).size === 1, {
    ...fieldRule('all variants of a product use one currency'),
    path: ['variants'],
  })
  .meta({ id: 'ProductInput' });

export const ProductPatchSchema = atLeastOneField(
  z.strictObject({
    name: name(120, 'Black tee').optional(),
    description: description.optional(),
    categorySlug: slug.nullable().optional(),
    imageUrls: z.array(z.url()).max(10).optional(),
    published: z.boolean().optional(),
  }),
).meta({ id: 'ProductPatch' });

export const VariantPatchSchema = atLeastOneField(
  z.strictObject({
    priceMinor: priceMinor.optional(),
    options: z.record(z.string().max(40), z.string().max(60)).optional(),
  }),
).meta({ id: 'VariantPatch' });

export const CategoryInputSchema = z
  .strictObject({ slug: slug.meta({ example: 'tees' }), name: name(60, 'Tees') })
  .meta({ id: 'CategoryInput' });

export const ProductListQuerySchema = z.object({
  q: text(100).optional().meta({ description: 'Full-text search (websearch syntax).' }),
  category: slug.optional(),
  minPrice: queryInteger({ min: 0 }).optional(),
  maxPrice: queryInteger({ min: 0 }).optional(),
  inStock: queryBoolean.optional(),
  ...paginationShape({
    sortable: ['price', 'name', 'createdAt', 'relevance'],
    defaultSort: '-createdAt',
    maxLimit: 50,
  }),
});

export const ProductIdParamsSchema = z.object({ id: uuidSchema('id') });
export const SlugParamsSchema = z.object({ slug });

export const VariantSchema = z
  .object({
    id: z.string(),
    sku: z.string(),
    options: z.record(z.string(), z.string()),
    priceMinor: z.number().int(),
    currency: z.string(),
    inStock: z.boolean(),
  })
  .meta({ id: 'Variant' });

export const CategorySchema = z.object({ id: z.string(), slug: z.string(), name: z.string() }).meta({ id: 'Category' });

export const ProductSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    category: CategorySchema.nullable(),
    imageUrls: z.array(z.string()),
    published: z.boolean(),
    variants: z.array(VariantSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Product' });

export const ProductSummarySchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    category: z.string().nullable(),
    imageUrl: z.string().nullable(),
    minPriceMinor: z.number().int(),
    maxPriceMinor: z.number().int(),
    currency: z.string(),
    inStock: z.boolean(),
  })
  .meta({ id: 'ProductSummary' });

export const ProductPageSchema = z
  .object({
    data: z.array(ProductSummarySchema),
    page: z.number().int(),
    limit: z.number().int(),
    total: z.number().int(),
    totalPages: z.number().int(),
    facets: z.object({
      categories: z.array(z.object({ slug: z.string(), name: z.string(), count: z.number().int() })),
      priceBands: z.array(
        z.object({ min: z.number().int(), max: z.number().int().nullable(), count: z.number().int() }),
      ),
      /** Products in stock under every other filter (the in-stock filter itself ignored). */
      availability: z.object({ inStock: z.number().int() }),
    }),
  })
  .meta({ id: 'ProductPage' });

export type VariantInput = z.output<typeof VariantInputSchema>;
export type ProductInput = z.output<typeof ProductInputSchema>;
export type ProductPatch = z.output<typeof ProductPatchSchema>;
export type VariantPatch = z.output<typeof VariantPatchSchema>;
export type CategoryInput = z.output<typeof CategoryInputSchema>;
export type ProductListQuery = z.output<typeof ProductListQuerySchema>;
export type Product = z.output<typeof ProductSchema>;
export type ProductPage = z.output<typeof ProductPageSchema>;
export type Category = z.output<typeof CategorySchema>;
