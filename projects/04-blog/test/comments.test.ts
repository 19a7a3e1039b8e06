import { expectProblem, fieldsOf, waitFor } from '@roadmap/testing';
import request from 'supertest';
import { commentEmailKey } from '../src/modules/comments/index.js';
import { useBlogHarness } from './harness.js';
import { createPost, makeUser, publishedPost, type PostBody, type TestUser } from './fixtures.js';

const h = useBlogHarness('blog-comments');
let author: TestUser;
let reader: TestUser;
let admin: TestUser;
let post: PostBody;

beforeAll(async () => {
  author = makeUser(h.issuer, 'user', 'author');
  reader = makeUser(h.issuer, 'user', 'reader');
  admin = makeUser(h.issuer, 'admin');
  post = await publishedPost(h.app, author, admin, { title: 'Commented post' });
});

async function comment(user: TestUser, body: string, postId = post.id) {
  return request(h.app).post(`/api/v1/posts/${postId}/comments`).set(user.header).send({ body });
}

describe('comments', () => {
  it('lets a signed-in user comment on a published post and emails the author', async () => {
    const fresh = await publishedPost(h.app, author, admin, { title: 'Commented post' });

    const res = await comment(reader, 'Great read!', fresh.id);

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ postId: fresh.id, authorId: reader.id, body: 'Great read!' });
    const mail = await h.smtp.waitForMessage((m) => m.text.includes('Great read!'));
    expect(mail.to).toEqual([author.email]);
    expect(mail.subject).toBe('New comment on "Commented post"');
    expect(mail.text).toContain(`http://blog.test/api/v1/posts/by-slug/${fresh.slug}`);
    const after = await request(h.app).get(`/api/v1/posts/${fresh.id}`);
    expect(after.body.commentCount).toBe(1);
  });

  it('never emails the commenter about their own comment', async () => {
    const own = await comment(author, 'Author replying to self');
    expect(own.status).toBe(201);
    const marker = await comment(reader, 'marker after self comment');
    await h.smtp.waitForMessage((m) => m.text.includes('marker after self comment'));
    expect(h.smtp.messages.some((m) => m.text.includes('Author replying to self'))).toBe(false);
    expect(await h.mail.store.get(commentEmailKey(own.body.id as string, author.email))).toBeNull();
    expect(await h.models.Comment.countDocuments({ _id: own.body.id, owedMail: { $exists: true } })).toBe(0);
    expect(marker.status).toBe(201);
  });

  it('retries a failing mail server with backoff, without failing or slowing the request, and sends once', async () => {
    h.smtp.failNext(2);

    const res = await comment(reader, 'Retry me please');

    expect(res.status).toBe(201);
    const key = commentEmailKey(res.body.id as string, author.email);
    // The answer came before the email could go out: two failures and their backoff still lie ahead.
    expect(h.smtp.messages.some((m) => m.text.includes('Retry me please'))).toBe(false);
    await h.smtp.waitForMessage((m) => m.text.includes('Retry me please'), 10_000);
    const sent = await waitFor(async () => {
      const mail = await h.mail.store.get(key);
      return mail?.status === 'sent' ? mail : undefined;
    });
    // Two 451s from the sink, then the delivery that worked.
    expect(sent.attempts).toBe(3);
    expect(h.smtp.messages.filter((m) => m.text.includes('Retry me please'))).toHaveLength(1);
  });

  it('sends one email per (comment, recipient) however often it is relayed or queued again', async () => {
    const res = await comment(reader, 'Dedup check');
    await h.smtp.waitForMessage((m) => m.text.includes('Dedup check'));
    const key = commentEmailKey(res.body.id as string, author.email);
    await waitFor(async () => (await h.mail.store.get(key))?.status === 'sent');

    await h.mail.enqueue(key);
    await h.mail.sweep({ eager: true });
    await h.mail.idle();

    expect(await h.mail.store.insert({ key, to: author.email, subject: 'again', text: 'again' }, new Date())).toBe(
      false,
    );
    const counts = await h.mail.queue.getJobCounts();
    expect(counts.waiting + counts.delayed + counts.active).toBe(0);
    expect(h.smtp.messages.filter((m) => m.text.includes('Dedup check'))).toHaveLength(1);
  });

  it('lists comments per post, oldest first, paginated', async () => {
    const fresh = await publishedPost(h.app, author, admin);
    for (const body of ['first', 'second', 'third']) expect((await comment(reader, body, fresh.id)).status).toBe(201);
    const page1 = await request(h.app).get(`/api/v1/posts/${fresh.id}/comments?limit=2`);
    expect(page1.body).toMatchObject({ total: 3, page: 1, limit: 2, totalPages: 2 });
    expect(page1.body.data.map((c: { body: string }) => c.body)).toEqual(['first', 'second']);
    const page2 = await request(h.app).get(`/api/v1/posts/${fresh.id}/comments?limit=2&page=2`);
    expect(page2.body.data.map((c: { body: string }) => c.body)).toEqual(['third']);
    const newest = await request(h.app).get(`/api/v1/posts/${fresh.id}/comments?sort=-createdAt&limit=1`);
    expect(newest.body.data[0].body).toBe('third');
    expect((await request(h.app).get(`/api/v1/posts/${fresh.id}`)).body.commentCount).toBe(3);
  });

  it('only allows comments on published posts, by signed-in users, with a body', async () => {
    const draft = await createPost(h.app, author);
    expectProblem(await comment(reader, 'hidden', draft.id), 404);
    const own = await comment(author, 'on my draft', draft.id);
    expect(expectProblem(own, 409)).toMatchObject({ postStatus: 'draft' });
    expectProblem(await request(h.app).post(`/api/v1/posts/${post.id}/comments`).send({ body: 'anon' }), 401);
    expect(fieldsOf(expectProblem(await comment(reader, '   '), 400))).toEqual(['body.body']);
    expectProblem(await comment(reader, 'x', '0123456789abcdef01234567'), 404);
  });

  it("lets the post's author, the comment's author or an admin delete a comment, nobody else", async () => {
    const fresh = await publishedPost(h.app, author, admin);
    const stranger = makeUser(h.issuer, 'user', 'stranger');
    const ids: string[] = [];
    for (const body of ['reader takes it back', 'post author removes it', 'admin removes it']) {
      const res = await comment(reader, body, fresh.id);
      ids.push(res.body.id as string);
    }
    const remove = (id: string | undefined, user?: TestUser) => {
      const call = request(h.app).delete(`/api/v1/posts/${fresh.id}/comments/${id ?? ''}`);
      return user ? call.set(user.header) : call;
    };
    expectProblem(await remove(ids[0]), 401);
    expectProblem(await remove(ids[0], stranger), 403);
    expect((await remove(ids[0], reader)).status).toBe(204);
    expect((await remove(ids[1], author)).status).toBe(204);
    expect((await remove(ids[2], admin)).status).toBe(204);
    expectProblem(await remove(ids[2], admin), 404);
    expectProblem(await remove('nope', admin), 400);
    const left = await request(h.app).get(`/api/v1/posts/${fresh.id}/comments`);
    expect(left.body).toMatchObject({ data: [], total: 0 });
    expect((await request(h.app).get(`/api/v1/posts/${fresh.id}`)).body.commentCount).toBe(0);
  });

  it('answers 404 and keeps no comment when the post is deleted while commenting', async () => {
    const fresh = await publishedPost(h.app, author, admin);
    const insert = h.models.Comment.create.bind(h.models.Comment);
    const spy = jest
      .spyOn(h.models.Comment, 'create')
      .mockImplementationOnce(((doc: Parameters<typeof insert>[0]) =>
        h.models.Post.deleteOne({ _id: fresh.id }).then(() =>
          insert(doc),
        )) as unknown as typeof h.models.Comment.create);
    const res = await comment(reader, 'too late', fresh.id);
    spy.mockRestore();
    expectProblem(res, 404);
    expect(await h.models.Comment.countDocuments({ post: fresh.id })).toBe(0);
  });

  it('deletes the comments of a deleted post', async () => {
    const fresh = await publishedPost(h.app, author, admin);
    await comment(reader, 'goes with the post', fresh.id);
    expect((await request(h.app).delete(`/api/v1/posts/${fresh.id}`).set(author.header)).status).toBe(204);
    expect(await h.models.Comment.countDocuments({ post: fresh.id })).toBe(0);
  });
});
