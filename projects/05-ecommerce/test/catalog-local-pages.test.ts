/**
 * Catalog pages held in process memory: an instance that holds a page answers it without Redis
 * sending it again, but a write on another instance makes it stale at once (Redis still names the
 * current catalog version on every read), and a page answered from memory carries the same body
 * and ETag as the one it was built from.
 */
import request from 'supertest';
import { createShopApp, createShopServices } from '../src/shop/app.js';
import { adminToken, API, createProduct, useStack } from './harness.js';

const stack = useStack('catalog-local-pages');

function instance() {
  const services = createShopServices(stack.shop.deps);
  return stack.ctx.conform(createShopApp(stack.shop.deps, services));
}

describe('catalog pages held in process', () => {
  it('are not served once another instance changed the product', async () => {
    const product = await createProduct(stack, { name: 'Held Kettle' });
    const reader = instance();
    const writer = instance();
    await request(reader).get(`${API}/products/${product.slug}`).expect(200);
    const held = await request(reader).get(`${API}/products/${product.slug}`).expect(200);
    expect([held.headers['x-cache'], held.body.name]).toEqual(['HIT', 'Held Kettle']);

    await request(writer)
      .patch(`${API}/admin/products/${product.id}`)
      .set('Authorization', `Bearer ${adminToken(stack)}`)
      .send({ name: 'Changed Kettle' })
      .expect(200);
    const afterWrite = await request(reader).get(`${API}/products/${product.slug}`).expect(200);

    expect([afterWrite.headers['x-cache'], afterWrite.body.name]).toEqual(['MISS', 'Changed Kettle']);
  });

  it('answer the same body and ETag as the page they were built from', async () => {
    const product = await createProduct(stack, { name: 'Tagged Lamp' });
    const app = instance();
    const built = await request(app).get(`${API}/products/${product.slug}`).expect(200);
    const held = await request(app).get(`${API}/products/${product.slug}`).expect(200);

    expect(held.headers['x-cache']).toBe('HIT');
    expect([held.text, held.headers.etag]).toEqual([built.text, built.headers.etag]);
  });
});
