import { expectProblem, fieldsOf } from '@roadmap/testing';
import request from 'supertest';
import { useBlogHarness } from './harness.js';
import { createPost, makeUser, type TestUser } from './fixtures.js';

const h = useBlogHarness('blog-categories');
let user: TestUser;
let admin: TestUser;

beforeAll(async () => {
  user = makeUser(h.issuer);
  admin = makeUser(h.issuer, 'admin');
});

async function createCategory(name: string) {
  const res = await request(h.app).post('/api/v1/categories').set(admin.header).send({ name });
  expect(res.status).toBe(201);
  return res.body as { id: string; slug: string; name: string };
}

describe('categories', () => {
  it('lets admins create categories with a unique slug from the name', async () => {
    const res = await request(h.app)
      .post('/api/v1/categories')
      .set(admin.header)
      .send({ name: 'Node.js & Express', description: 'Servers.' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Node.js & Express', slug: 'node-js-express', description: 'Servers.' });
    expect(res.headers.location).toBe(`/api/v1/categories/${res.body.id}`);
    const dup = await request(h.app).post('/api/v1/categories').set(admin.header).send({ name: 'node js express' });
    expect(expectProblem(dup, 409)).toMatchObject({ slug: 'node-js-express' });
  });

  it('gives names without Latin letters distinct slugs, and still refuses the same name twice', async () => {
    const japanese = await createCategory('日本語');
    const chinese = await createCategory('中文');
    expect(japanese.slug).toMatch(/^category(-\d+)?$/);
    expect(chinese.slug).toMatch(/^category(-\d+)?$/);
    expect(chinese.slug).not.toBe(japanese.slug);
    const again = await request(h.app).post('/api/v1/categories').set(admin.header).send({ name: '日本語' });
    expect(expectProblem(again, 409)).toMatchObject({ slug: japanese.slug });
  });

  it('is readable by anyone, writable by admins only', async () => {
    const category = await createCategory('Readable');
    const list = await request(h.app).get('/api/v1/categories');
    expect(list.body.data.map((c: { slug: string }) => c.slug)).toContain('readable');
    expect((await request(h.app).get(`/api/v1/categories/${category.id}`)).body.name).toBe('Readable');
    expectProblem(await request(h.app).post('/api/v1/categories').send({ name: 'x' }), 401);
    expectProblem(await request(h.app).post('/api/v1/categories').set(user.header).send({ name: 'x' }), 403);
    expectProblem(
      await request(h.app).patch(`/api/v1/categories/${category.id}`).set(user.header).send({ name: 'x' }),
      403,
    );
    expectProblem(await request(h.app).delete(`/api/v1/categories/${category.id}`).set(user.header), 403);
  });

  it('renames without changing the slug', async () => {
    const category = await createCategory('Old Name');
    const res = await request(h.app)
      .patch(`/api/v1/categories/${category.id}`)
      .set(admin.header)
      .send({ name: 'New Name' });
    expect(res.body).toMatchObject({ name: 'New Name', slug: 'old-name' });
  });

  it('validates input and ids', async () => {
    const bad = await request(h.app).post('/api/v1/categories').set(admin.header).send({ name: ' ', extra: 1 });
    expect(fieldsOf(expectProblem(bad, 400))).toEqual(expect.arrayContaining(['body.name', 'body']));
    const empty = await request(h.app).patch('/api/v1/categories/0123456789abcdef01234567').set(admin.header).send({});
    expectProblem(empty, 400);
    expectProblem(await request(h.app).get('/api/v1/categories/123'), 400);
    expectProblem(await request(h.app).get('/api/v1/categories/0123456789abcdef01234567'), 404);
    expectProblem(
      await request(h.app).patch('/api/v1/categories/0123456789abcdef01234567').set(admin.header).send({ name: 'x' }),
      404,
    );
    expectProblem(await request(h.app).delete('/api/v1/categories/0123456789abcdef01234567').set(admin.header), 404);
  });

  it('deletes an unused category', async () => {
    const category = await createCategory('Unused');
    const res = await request(h.app).delete(`/api/v1/categories/${category.id}`).set(admin.header);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ reassigned: 0 });
    expectProblem(await request(h.app).get(`/api/v1/categories/${category.id}`), 404);
  });

  it('refuses to delete a category in use (409), or reassigns its posts when asked', async () => {
    const used = await createCategory('In Use');
    const target = await createCategory('Target');
    const author = makeUser(h.issuer);
    const posts = await Promise.all([
      createPost(h.app, author, { categoryId: used.id }),
      createPost(h.app, author, { categoryId: used.id }),
    ]);
    const refused = await request(h.app).delete(`/api/v1/categories/${used.id}`).set(admin.header);
    expect(expectProblem(refused, 409)).toMatchObject({ postCount: 2 });
    expect((await request(h.app).get(`/api/v1/categories/${used.id}`)).status).toBe(200);

    const self = await request(h.app).delete(`/api/v1/categories/${used.id}?reassignTo=${used.id}`).set(admin.header);
    expect(fieldsOf(expectProblem(self, 422))).toEqual(['query.reassignTo']);
    const missing = await request(h.app)
      .delete(`/api/v1/categories/${used.id}?reassignTo=0123456789abcdef01234567`)
      .set(admin.header);
    expect(fieldsOf(expectProblem(missing, 422))).toEqual(['query.reassignTo']);

    const moved = await request(h.app)
      .delete(`/api/v1/categories/${used.id}?reassignTo=${target.id}`)
      .set(admin.header);
    expect(moved.body).toEqual({ reassigned: 2 });
    for (const post of posts) {
      const now = await request(h.app).get(`/api/v1/posts/${post.id}`).set(author.header);
      expect(now.body.category).toMatchObject({ id: target.id, slug: 'target' });
    }
  });
});
