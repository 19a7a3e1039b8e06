/** The catalog's paths in the OpenAPI document. */
import { jsonBody, jsonResponse, type OpenAPIRegistry, type SecurityRequirement } from '@roadmap/core';
import { z } from 'zod';
import { errorResponses } from '../../../platform/openapi.js';
import {
  CategoryInputSchema,
  CategorySchema,
  ProductIdParamsSchema,
  ProductInputSchema,
  ProductListQuerySchema,
  ProductPageSchema,
  ProductPatchSchema,
  ProductSchema,
  SlugParamsSchema,
  VariantInputSchema,
  VariantPatchSchema,
} from './product.schemas.js';

export function registerCatalogPaths(registry: OpenAPIRegistry, base: string, security: SecurityRequirement): void {
  const tags = ['catalog'];
  const admin = { tags: ['admin: catalog'], security };
  registry.registerPath({
    method: 'get',
    path: `${base}/products`,
    tags,
    summary: 'Search published products: full text, filters, facets, sort, page (cached)',
    request: { query: ProductListQuerySchema },
    responses: { 200: jsonResponse('A page of products with facets.', ProductPageSchema), ...errorResponses(400, 429) },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/products/{slug}`,
    tags,
    summary: 'A published product with its variants (cached)',
    request: { params: SlugParamsSchema },
    responses: { 200: jsonResponse('The product.', ProductSchema), ...errorResponses(400, 404, 429) },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/categories`,
    tags,
    summary: 'Every category',
    responses: {
      200: jsonResponse(
        'Categories by slug.',
        z.object({ data: z.array(CategorySchema) }).meta({ id: 'CategoryList' }),
      ),
      ...errorResponses(429),
    },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/admin/categories`,
    ...admin,
    summary: 'Create a category',
    request: { body: jsonBody(CategoryInputSchema) },
    responses: { 201: jsonResponse('The category.', CategorySchema), ...errorResponses(400, 401, 403, 409) },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/admin/products`,
    ...admin,
    summary: 'Create a product with its variants (409 on a taken slug or SKU)',
    request: { body: jsonBody(ProductInputSchema) },
    responses: { 201: jsonResponse('The product.', ProductSchema), ...errorResponses(400, 401, 403, 409, 422) },
  });
  registry.registerPath({
    method: 'get',
    path: `${base}/admin/products/{id}`,
    ...admin,
    summary: 'A product, published or not',
    request: { params: ProductIdParamsSchema },
    responses: { 200: jsonResponse('The product.', ProductSchema), ...errorResponses(400, 401, 403, 404) },
  });
  registry.registerPath({
    method: 'patch',
    path: `${base}/admin/products/{id}`,
    ...admin,
    summary: 'Change a product (name, description, category, images, published)',
    request: { params: ProductIdParamsSchema, body: jsonBody(ProductPatchSchema) },
    responses: { 200: jsonResponse('The product.', ProductSchema), ...errorResponses(400, 401, 403, 404, 422) },
  });
  registry.registerPath({
    method: 'delete',
    path: `${base}/admin/products/{id}`,
    ...admin,
    summary: 'Delete a product that was never ordered (409 otherwise: unpublish it)',
    request: { params: ProductIdParamsSchema },
    responses: { 204: { description: 'Deleted.' }, ...errorResponses(400, 401, 403, 404, 409) },
  });
  registry.registerPath({
    method: 'post',
    path: `${base}/admin/products/{id}/variants`,
    ...admin,
    summary: "Add a variant (409 on a taken SKU, 422 in another currency than the product's)",
    request: { params: ProductIdParamsSchema, body: jsonBody(VariantInputSchema) },
    responses: {
      201: jsonResponse('The product.', ProductSchema),
      ...errorResponses(400, 401, 403, 404, 409, 422),
    },
  });
  registry.registerPath({
    method: 'patch',
    path: `${base}/admin/variants/{id}`,
    ...admin,
    summary: "Change a variant's price or options",
    request: { params: ProductIdParamsSchema, body: jsonBody(VariantPatchSchema) },
    responses: { 200: jsonResponse('The product.', ProductSchema), ...errorResponses(400, 401, 403, 404) },
  });
}
