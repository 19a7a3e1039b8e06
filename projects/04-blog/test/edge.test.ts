/**
 * The blog behind the repository's Caddy edge (deploy/Caddyfile, as scripts/start.sh runs it): every
 * Location and every URL in a body (a post's cover) follows the edge's prefix, and following it
 * through the edge gets there.
 */
import { describeThroughEdge, listen, startEdge } from '@roadmap/testing';
import { makeUser, type TestUser } from './fixtures.js';
import { useBlogHarness } from './harness.js';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from(
    '0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1f0c3d40000000049454e44ae426082',
    'hex',
  ),
]);

const h = useBlogHarness('blog-edge', { trustProxy: ['loopback'] });
let edge = '';
let author: TestUser;
let admin: TestUser;
beforeAll(async () => {
  const server = await listen(h.app);
  h.ctx.onCleanup(() => server.close());
  edge = `${await startEdge(h.ctx, { blog: server.url })}/blog`;
  author = makeUser(h.issuer, 'user', 'author');
  admin = makeUser(h.issuer, 'admin');
});

async function call(method: string, path: string, user: TestUser, body?: object | FormData) {
  const json = body !== undefined && !(body instanceof FormData);
  const res = await fetch(new URL(path, edge), {
    method,
    headers: { ...user.header, ...(json ? { 'content-type': 'application/json' } : {}) },
    ...(body === undefined ? {} : { body: json ? JSON.stringify(body) : (body as FormData) }),
  });
  const text = await res.text();
  return { status: res.status, location: res.headers.get('location'), body: text ? JSON.parse(text) : null };
}

describeThroughEdge(__filename)('the blog through the edge', () => {
  it('answers Locations under /blog for a category, a post and a comment, each readable there', async () => {
    const category = await call('POST', '/blog/api/v1/categories', admin, { name: `Edge ${Date.now()}` });
    const post = await call('POST', '/blog/api/v1/posts', author, { title: 'Through the edge', body: 'Hello.' });
    await call('POST', `/blog/api/v1/posts/${post.body.id}/submit`, author);
    await call('POST', `/blog/api/v1/posts/${post.body.id}/approve`, admin);
    const comment = await call('POST', `/blog/api/v1/posts/${post.body.id}/comments`, admin, { body: 'Nice.' });

    expect([category, post, comment].map(({ status, location }) => [status, location])).toEqual([
      [201, `/blog/api/v1/categories/${category.body.id}`],
      [201, `/blog/api/v1/posts/${post.body.id}`],
      [201, `/blog/api/v1/posts/${post.body.id}/comments/${comment.body.id}`],
    ]);
    const followed = await Promise.all([category, post, comment].map(({ location }) => call('GET', location!, admin)));
    expect(followed.map(({ status, body }) => [status, body.id])).toEqual(
      [category, post, comment].map(({ body }) => [200, body.id]),
    );
  });

  it("gives a post's cover URL under /blog, in every answer, and the image is there", async () => {
    const post = await call('POST', '/blog/api/v1/posts', author, { title: 'A cover', body: 'Look.' });
    const form = new FormData();
    form.append('cover', new Blob([PNG], { type: 'image/png' }), 'cover.png');

    const covered = await call('PUT', `/blog/api/v1/posts/${post.body.id}/cover`, author, form);
    const mine = await call('GET', '/blog/api/v1/posts/mine', author);
    const image = await fetch(new URL(covered.body.coverImageUrl, edge));

    expect(covered.body.coverImageUrl).toMatch(/^\/blog\/uploads\/[a-f0-9]{32}\.png$/);
    expect(mine.body.data.find((p: { id: string }) => p.id === post.body.id).coverImageUrl).toBe(
      covered.body.coverImageUrl,
    );
    expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/png']);
  });
});
