/** Catalog search (full text, filters, facets, sort, pages) and the admin product API. */
import { randomUUID } from 'node:crypto';
import { expectProblem, fieldsOf } from '@roadmap/testing';
import request from 'supertest';
import { adminToken, API, createProduct, customerToken, productInput, useStack } from './harness.js';

const stack = useStack('catalog');
const tag = randomUUID().slice(0, 6);
const sku = (name: string) => `${name}-${tag}`.toUpperCase();

beforeAll(async () => {
  const admin = adminToken(stack);
  for (const slug of ['kitchen', 'garden']) {
    await request(stack.shop.app)
      .post(`${API}/admin/categories`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ slug, name: slug })
      .expect(201);
  }
  await createProduct(stack, {
    name: 'Copper Kettle',
    description: 'Boils water on any stove.',
    categorySlug: 'kitchen',
    variants: [{ sku: sku('KETTLE'), priceMinor: 4500, currency: 'EUR', onHand: 3 }],
  });
  await createProduct(stack, {
    name: 'Enamel Kettle Mini',
    description: 'A small kettle.',
    categorySlug: 'kitchen',
    variants: [{ sku: sku('MINI'), priceMinor: 1500, currency: 'EUR', onHand: 0 }],
  });
  await createProduct(stack, {
    name: 'Garden Hose',
    description: 'Waters the garden, not the kettle.',
    categorySlug: 'garden',
    variants: [{ sku: sku('HOSE'), priceMinor: 2500, currency: 'EUR', onHand: 9 }],
  });
});

const search = (query: Record<string, string | number>) => request(stack.shop.app).get(`${API}/products`).query(query);

describe('catalog search', () => {
  it('finds products by full text, a match in the name before a match in the description', async () => {
    const res = await search({ q: 'kettles', sort: '-relevance' });

    expect(res.status).toBe(200);
    const names = res.body.data.map((p: { name: string }) => p.name);
    expect(names.slice(0, 2).sort()).toEqual(['Copper Kettle', 'Enamel Kettle Mini']);
    expect(names[2]).toBe('Garden Hose');
  });

  it('filters by category, price and stock, and counts facets for each', async () => {
    const res = await search({ q: 'kettle', category: 'kitchen', inStock: 'true', sort: 'price' });

    expect(res.body.data.map((p: { name: string }) => p.name)).toEqual(['Copper Kettle']);
    expect(res.body.facets.categories).toEqual([
      { slug: 'garden', name: 'garden', count: 1 },
      { slug: 'kitchen', name: 'kitchen', count: 1 },
    ]);
    expect(res.body.facets.priceBands.find((b: { min: number }) => b.min === 2000)).toEqual({
      min: 2000,
      max: 5000,
      count: 1,
    });
  });

  it('counts the products in stock under the other filters, whatever the in-stock filter asks', async () => {
    const res = await search({ q: 'kettle', category: 'kitchen', inStock: 'false' });

    expect(res.body.data.map((p: { name: string }) => p.name)).toEqual(['Enamel Kettle Mini']);
    expect(res.body.facets.availability).toEqual({ inStock: 1 });
  });

  it('answers 400 naming the field for an in-stock filter that is not a boolean', async () => {
    expect(fieldsOf(expectProblem(await search({ inStock: 'maybe' }), 400))).toEqual(['query.inStock']);
  });

  it('pages through results with totals', async () => {
    const res = await search({ q: 'kettle', sort: 'price', limit: 2, page: 2 });

    expect(res.body).toMatchObject({ page: 2, limit: 2, total: 3, totalPages: 2 });
    expect(res.body.data.map((p: { name: string }) => p.name)).toEqual(['Copper Kettle']);
  });

  it('keeps a product in stock while one variant has units, and its price range with its variants', async () => {
    const admin = `Bearer ${adminToken(stack)}`;
    const teapot = await createProduct(stack, {
      name: `Teapot ${tag}`,
      variants: [
        { sku: sku('TEAPOT-S'), priceMinor: 3000, currency: 'EUR', onHand: 0 },
        { sku: sku('TEAPOT-L'), priceMinor: 5000, currency: 'EUR', onHand: 2 },
      ],
    });
    await request(stack.shop.app)
      .post(`${API}/admin/products/${teapot.id}/variants`)
      .set('Authorization', admin)
      .send({ sku: sku('TEAPOT-XL'), priceMinor: 9000, currency: 'EUR', onHand: 0 })
      .expect(201);
    await request(stack.shop.app)
      .patch(`${API}/admin/variants/${teapot.variants[1]!.id}`)
      .set('Authorization', admin)
      .send({ priceMinor: 2000 })
      .expect(200);

    const res = await search({ q: `teapot ${tag}` });

    expect(res.body.data).toEqual([
      expect.objectContaining({ name: `Teapot ${tag}`, minPriceMinor: 2000, maxPriceMinor: 9000, inStock: true }),
    ]);
    expect(res.body.facets.availability).toEqual({ inStock: 1 });
  });

  it('answers 400 for an unknown sort field', async () => {
    expect(fieldsOf(expectProblem(await search({ sort: 'colour' }), 400))).toEqual(['query.sort']);
  });

  it('hides an unpublished product from its public page', async () => {
    const hidden = await createProduct(stack, { published: false });

    expectProblem(await request(stack.shop.app).get(`${API}/products/${hidden.slug}`), 404);
  });
});

describe('admin products', () => {
  it('answers 409 for a taken slug and for a taken SKU', async () => {
    const existing = await createProduct(stack);
    const admin = adminToken(stack);
    const dupSlug = productInput.build({ slug: existing.slug });
    const dupSku = productInput.build({
      variants: [{ sku: existing.variants[0]!.sku, priceMinor: 1, currency: 'EUR', onHand: 0 }],
    });

    const slugRes = await request(stack.shop.app)
      .post(`${API}/admin/products`)
      .set('Authorization', `Bearer ${admin}`)
      .send(dupSlug);
    const skuRes = await request(stack.shop.app)
      .post(`${API}/admin/products`)
      .set('Authorization', `Bearer ${admin}`)
      .send(dupSku);

    expect(expectProblem(slugRes, 409).detail).toMatch(/slug/);
    expect(expectProblem(skuRes, 409).detail).toMatch(/SKU/);
  });

  it('answers 400 naming every invalid field', async () => {
    const res = await request(stack.shop.app)
      .post(`${API}/admin/products`)
      .set('Authorization', `Bearer ${adminToken(stack)}`)
      .send({ slug: 'Not A Slug', name: '', variants: [{ sku: 'x', priceMinor: -1, currency: 'euro' }] });

    expect(fieldsOf(expectProblem(res, 400))).toEqual(
      expect.arrayContaining([
        'body.slug',
        'body.name',
        'body.variants.0.sku',
        'body.variants.0.priceMinor',
        'body.variants.0.currency',
      ]),
    );
  });

  it('refuses customers (403) and anonymous callers (401)', async () => {
    const body = productInput.build();
    expectProblem(
      await request(stack.shop.app)
        .post(`${API}/admin/products`)
        .set('Authorization', `Bearer ${customerToken(stack)}`)
        .send(body),
      403,
    );
    expectProblem(await request(stack.shop.app).post(`${API}/admin/products`).send(body), 401);
  });

  it('deletes a product that was never ordered', async () => {
    const product = await createProduct(stack);
    const admin = adminToken(stack);

    await request(stack.shop.app)
      .delete(`${API}/admin/products/${product.id}`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(204);

    expectProblem(
      await request(stack.shop.app).get(`${API}/admin/products/${product.id}`).set('Authorization', `Bearer ${admin}`),
      404,
    );
  });
});
