import { expectProblem, fieldsOf } from '@roadmap/testing';
import request from 'supertest';
import { useBlogHarness } from './harness.js';
import { createPost, makeUser, publishedPost, type TestUser } from './fixtures.js';

let author: TestUser;
let other: TestUser;
let admin: TestUser;

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from(
    '0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1f0c3d40000000049454e44ae426082',
    'hex',
  ),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

const LIMIT = 4096;
const h = useBlogHarness('blog-uploads', { maxUploadBytes: LIMIT });

beforeAll(async () => {
  author = makeUser(h.issuer, 'user', 'author');
  other = makeUser(h.issuer, 'user', 'other');
  admin = makeUser(h.issuer, 'admin');
});

function upload(postId: string, user: TestUser, content: Buffer, filename = 'cover.png', contentType = 'image/png') {
  return request(h.app)
    .put(`/api/v1/posts/${postId}/cover`)
    .set(user.header)
    .attach('cover', content, { filename, contentType });
}

describe('cover images', () => {
  it('stores a real image under a random name and serves it with a safe content type', async () => {
    const post = await createPost(h.app, author);
    const res = await upload(post.id, author, PNG, '../../etc/passwd.png');
    expect(res.status).toBe(200);
    expect(res.body.coverImageUrl).toMatch(/^\/uploads\/[a-f0-9]{32}\.png$/);
    expect(res.body.version).toBe(post.version + 1);
    expect(await h.uploadedFiles()).toEqual([res.body.coverImageUrl.split('/').pop()]);

    const served = await request(h.app).get(res.body.coverImageUrl as string);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(served.body as Buffer, PNG)).toBe(0);
  });

  it('trusts the bytes, not the declared type: the real type decides the extension', async () => {
    const post = await createPost(h.app, author);
    const res = await upload(post.id, author, JPEG, 'photo.png', 'image/png');
    expect(res.body.coverImageUrl).toMatch(/\.jpg$/);
    await request(h.app).delete(`/api/v1/posts/${post.id}`).set(author.header);
  });

  it.each([
    ['an SVG', SVG, 'cover.svg', 'image/svg+xml'],
    ['text named .png', Buffer.from('just text, not an image'), 'cover.png', 'image/png'],
    ['an HTML page', Buffer.from('<html><script>alert(1)</script></html>'), 'cover.jpg', 'image/jpeg'],
  ])('rejects %s with 415 and leaves nothing behind', async (_label, content, filename, type) => {
    const post = await createPost(h.app, author);
    const before = await h.uploadedFiles();
    expectProblem(await upload(post.id, author, content, filename, type), 415);
    expect(await h.uploadedFiles()).toEqual(before);
    expect((await request(h.app).get(`/api/v1/posts/${post.id}`).set(author.header)).body.coverImageUrl).toBeNull();
  });

  it('rejects a file over the size limit with 413 and leaves nothing behind', async () => {
    const post = await createPost(h.app, author);
    const before = await h.uploadedFiles();
    const big = Buffer.concat([PNG, Buffer.alloc(LIMIT)]);
    expectProblem(await upload(post.id, author, big), 413);
    expect(await h.uploadedFiles()).toEqual(before);
  });

  it('answers 400 without a file or with another field name', async () => {
    const post = await createPost(h.app, author);
    const none = await request(h.app).put(`/api/v1/posts/${post.id}/cover`).set(author.header);
    expect(fieldsOf(expectProblem(none, 400))).toEqual(['file.cover']);
    const wrong = await request(h.app)
      .put(`/api/v1/posts/${post.id}/cover`)
      .set(author.header)
      .attach('image', PNG, 'x.png');
    expectProblem(wrong, 400);
  });

  it('removes the old file when replaced, removed, or when the post is deleted', async () => {
    const post = await createPost(h.app, author);
    const first = await upload(post.id, author, PNG);
    const firstName = (first.body.coverImageUrl as string).split('/').pop() as string;
    const second = await upload(post.id, author, JPEG, 'b.jpg', 'image/jpeg');
    const secondName = (second.body.coverImageUrl as string).split('/').pop() as string;
    let files = await h.uploadedFiles();
    expect(files).toContain(secondName);
    expect(files).not.toContain(firstName);
    expectProblem(await request(h.app).get(`/uploads/${firstName}`), 404);

    const removed = await request(h.app).delete(`/api/v1/posts/${post.id}/cover`).set(author.header);
    expect(removed.body.coverImageUrl).toBeNull();
    expect(await h.uploadedFiles()).not.toContain(secondName);

    const third = await upload(post.id, author, PNG);
    const thirdName = (third.body.coverImageUrl as string).split('/').pop() as string;
    expect((await request(h.app).delete(`/api/v1/posts/${post.id}`).set(author.header)).status).toBe(204);
    files = await h.uploadedFiles();
    expect(files).not.toContain(thirdName);
  });

  it('lets only the author change the cover, and only while the post is editable', async () => {
    const post = await createPost(h.app, author);
    expectProblem(await upload(post.id, other, PNG), 404);
    expectProblem(await upload(post.id, admin, PNG), 403);
    expectProblem(await request(h.app).delete(`/api/v1/posts/${post.id}/cover`).set(admin.header), 403);
    expectProblem(await request(h.app).put(`/api/v1/posts/${post.id}/cover`).attach('cover', PNG, 'x.png'), 401);
    const live = await publishedPost(h.app, author, admin);
    const before = await h.uploadedFiles();
    expectProblem(await upload(live.id, author, PNG), 409);
    expectProblem(await request(h.app).delete(`/api/v1/posts/${live.id}/cover`).set(author.header), 409);
    expect(await h.uploadedFiles()).toEqual(before);
  });

  it('serves only well-formed stored names', async () => {
    expectProblem(await request(h.app).get('/uploads/..%2F..%2Fpackage.json'), 404);
    expectProblem(await request(h.app).get('/uploads/evil.svg'), 404);
    expectProblem(await request(h.app).get(`/uploads/${'a'.repeat(32)}.png`), 404);
  });
});
