/** The review workflow through HTTP: submit, withdraw, approve and reject, and who may do each. */
import { expectProblem, fieldsOf } from '@roadmap/testing';
import request from 'supertest';
import { useBlogHarness } from './harness.js';
import { createPost, makeRoles, makeUser, publishedPost, type PostBody, type TestUser } from './fixtures.js';

const h = useBlogHarness('blog-review');
let author: TestUser;
let other: TestUser;
let admin: TestUser;
beforeAll(() => ({ author, other, admin } = makeRoles(h.issuer)));

describe('the review workflow', () => {
  it('walks draft -> pending -> rejected -> edited -> pending -> published', async () => {
    const post = await createPost(h.app, author, { title: 'Workflow' });
    const submitted = await request(h.app).post(`/api/v1/posts/${post.id}/submit`).set(author.header);
    expect(submitted.body).toMatchObject({
      status: 'pending_review',
      allowedActions: ['withdraw', 'approve', 'reject'],
    });
    expect(submitted.body.submittedAt).toEqual(expect.any(String));

    const queue = await request(h.app).get('/api/v1/posts/review-queue').set(admin.header);
    expect(queue.status).toBe(200);
    expect(queue.body.data.map((p: PostBody) => p.id)).toContain(post.id);

    const rejected = await request(h.app)
      .post(`/api/v1/posts/${post.id}/reject`)
      .set(admin.header)
      .send({ reason: 'Needs a conclusion.' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionReason: 'Needs a conclusion.' });

    const edited = await request(h.app)
      .patch(`/api/v1/posts/${post.id}`)
      .set(author.header)
      .send({ version: rejected.body.version, body: 'Now with a conclusion.' });
    expect(edited.status).toBe(200);
    expect(edited.body.slug).toBe(post.slug);

    const resubmitted = await request(h.app).post(`/api/v1/posts/${post.id}/submit`).set(author.header);
    expect(resubmitted.body).toMatchObject({ status: 'pending_review', rejectionReason: null });

    const approved = await request(h.app).post(`/api/v1/posts/${post.id}/approve`).set(admin.header);
    expect(approved.body).toMatchObject({ status: 'published', allowedActions: [] });
    expect(approved.body.publishedAt).toEqual(expect.any(String));

    const publicView = await request(h.app).get(`/api/v1/posts/${post.id}`);
    expect(publicView.status).toBe(200);
  });

  it('lets the author withdraw a pending post back to draft', async () => {
    const post = await createPost(h.app, author);
    await request(h.app).post(`/api/v1/posts/${post.id}/submit`).set(author.header);
    const res = await request(h.app).post(`/api/v1/posts/${post.id}/withdraw`).set(author.header);
    expect(res.body).toMatchObject({ status: 'draft', submittedAt: null });
  });

  it('answers 409 for illegal transitions, naming the allowed actions', async () => {
    const post = await createPost(h.app, author);
    const approveDraft = expectProblem(
      await request(h.app).post(`/api/v1/posts/${post.id}/approve`).set(admin.header),
      409,
    );
    expect(approveDraft).toMatchObject({ status: 409, allowedActions: ['submit'] });
    expectProblem(await request(h.app).post(`/api/v1/posts/${post.id}/withdraw`).set(author.header), 409);
    const published = await publishedPost(h.app, author, admin);
    expectProblem(await request(h.app).post(`/api/v1/posts/${published.id}/submit`).set(author.header), 409);
    expectProblem(
      await request(h.app).post(`/api/v1/posts/${published.id}/reject`).set(admin.header).send({ reason: 'late' }),
      409,
    );
  });

  it('never lets an author publish their own post, even an admin author', async () => {
    const post = await createPost(h.app, author);
    await request(h.app).post(`/api/v1/posts/${post.id}/submit`).set(author.header);
    expectProblem(await request(h.app).post(`/api/v1/posts/${post.id}/approve`).set(author.header), 403);
    // Nor by writing the status (or publishedAt) directly: the edit schema does not accept them.
    const direct = await request(h.app)
      .patch(`/api/v1/posts/${post.id}`)
      .set(author.header)
      .send({ version: post.version + 1, status: 'published', publishedAt: new Date().toISOString() });
    expect(fieldsOf(expectProblem(direct, 400))).toContain('body');
    const own = await request(h.app).get(`/api/v1/posts/${post.id}`).set(author.header);
    expect(own.body).toMatchObject({ status: 'pending_review', publishedAt: null });

    const adminPost = await createPost(h.app, admin);
    await request(h.app).post(`/api/v1/posts/${adminPost.id}/submit`).set(admin.header);
    expectProblem(await request(h.app).post(`/api/v1/posts/${adminPost.id}/approve`).set(admin.header), 403);
    expectProblem(
      await request(h.app).post(`/api/v1/posts/${adminPost.id}/reject`).set(admin.header).send({ reason: 'self' }),
      403,
    );
    const still = await request(h.app).get(`/api/v1/posts/${adminPost.id}`).set(admin.header);
    expect(still.body.status).toBe('pending_review');
  });

  it('does not let others submit or withdraw an author post', async () => {
    const post = await createPost(h.app, author);
    // Another user cannot even see the draft.
    expectProblem(await request(h.app).post(`/api/v1/posts/${post.id}/submit`).set(other.header), 404);
    // An admin can see it but is not its author.
    expectProblem(await request(h.app).post(`/api/v1/posts/${post.id}/submit`).set(admin.header), 403);
  });

  it('requires a reason to reject', async () => {
    const post = await createPost(h.app, author);
    await request(h.app).post(`/api/v1/posts/${post.id}/submit`).set(author.header);
    const res = await request(h.app).post(`/api/v1/posts/${post.id}/reject`).set(admin.header).send({});
    expect(fieldsOf(expectProblem(res, 400))).toEqual(['body.reason']);
  });

  it('keeps the review queue for admins', async () => {
    expectProblem(await request(h.app).get('/api/v1/posts/review-queue').set(author.header), 403);
    expectProblem(await request(h.app).get('/api/v1/posts/review-queue'), 401);
  });

  it('lets only one of two concurrent approvals through', async () => {
    const post = await createPost(h.app, author);
    await request(h.app).post(`/api/v1/posts/${post.id}/submit`).set(author.header);
    const admin2 = makeUser(h.issuer, 'admin');
    const results = await Promise.all([
      request(h.app).post(`/api/v1/posts/${post.id}/approve`).set(admin.header),
      request(h.app).post(`/api/v1/posts/${post.id}/reject`).set(admin2.header).send({ reason: 'not this one' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });
});
