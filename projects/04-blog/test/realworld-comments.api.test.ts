/** RealWorld comments through the mount: the blog's own comments, with the commenter's profile. */
import request from 'supertest';
import { registerUser, RW, useRealWorldHarness, writeArticle, type RealWorldUser } from './realworld-harness.js';

const h = useRealWorldHarness('blog-rw-comments');
let author: RealWorldUser;
let reader: RealWorldUser;

beforeAll(async () => {
  author = await registerUser(h.app, 'author');
  reader = await registerUser(h.app, 'reader');
});

const ISO = /^\d{4,}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d:[0-5]\d\.\d+(?:[+-][0-2]\d:[0-5]\d|Z)$/;

describe('RealWorld comments', () => {
  it("adds a comment and answers { comment } with the commenter's profile", async () => {
    const article = await writeArticle(h.app, author);

    const res = await request(h.app)
      .post(`${RW}/articles/${article.slug}/comments`)
      .set(reader.header)
      .send({ comment: { body: 'Thank you so much!' } });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      comment: {
        id: expect.stringMatching(/^[a-f0-9]{24}$/),
        body: 'Thank you so much!',
        createdAt: expect.stringMatching(ISO),
        updatedAt: expect.stringMatching(ISO),
        author: { username: reader.username, bio: null, image: null, following: false },
      },
    });
    expect(await h.models.Comment.countDocuments({ _id: res.body.comment.id, body: 'Thank you so much!' })).toBe(1);
  });

  it("emails the article's author about a new comment, as the blog does", async () => {
    const article = await writeArticle(h.app, author);

    await request(h.app)
      .post(`${RW}/articles/${article.slug}/comments`)
      .set(reader.header)
      .send({ comment: { body: 'A comment worth an email' } })
      .expect(201);

    const mail = await h.smtp.waitForMessage((m) => m.text.includes('A comment worth an email'));
    expect(mail.to).toEqual([author.email]);
  });

  it('lists comments newest first, to anyone, with following for the caller', async () => {
    const article = await writeArticle(h.app, author);
    for (const body of ['first', 'second']) {
      await request(h.app)
        .post(`${RW}/articles/${article.slug}/comments`)
        .set(reader.header)
        .send({ comment: { body } })
        .expect(201);
    }
    await request(h.app).post(`${RW}/profiles/${reader.username}/follow`).set(author.header).expect(200);

    const anonymous = await request(h.app).get(`${RW}/articles/${article.slug}/comments`);
    const asAuthor = await request(h.app).get(`${RW}/articles/${article.slug}/comments`).set(author.header);

    expect(anonymous.status).toBe(200);
    expect(anonymous.body.comments.map((c: { body: string }) => c.body)).toEqual(['second', 'first']);
    expect(anonymous.body.comments[0].author.following).toBe(false);
    expect(asAuthor.body.comments[0].author).toMatchObject({ username: reader.username, following: true });
  });

  it('answers 401 without a token, 422 to an empty body and 404 for an unknown article', async () => {
    const article = await writeArticle(h.app, author);

    const anonymous = await request(h.app)
      .post(`${RW}/articles/${article.slug}/comments`)
      .send({ comment: { body: 'hi' } });
    const empty = await request(h.app)
      .post(`${RW}/articles/${article.slug}/comments`)
      .set(reader.header)
      .send({ comment: { body: '' } });
    const missing = await request(h.app)
      .post(`${RW}/articles/no-such-article/comments`)
      .set(reader.header)
      .send({ comment: { body: 'hi' } });

    expect(anonymous.status).toBe(401);
    expect(empty.status).toBe(422);
    expect(empty.body.errors).toEqual({ body: [expect.any(String)] });
    expect(missing.status).toBe(404);
  });

  it('deletes a comment by its author, 403 for a stranger, 404 for an unknown id', async () => {
    const article = await writeArticle(h.app, author);
    const stranger = await registerUser(h.app, 'stranger');
    const created = await request(h.app)
      .post(`${RW}/articles/${article.slug}/comments`)
      .set(reader.header)
      .send({ comment: { body: 'to delete' } })
      .expect(201);
    const id = created.body.comment.id as string;

    const foreign = await request(h.app).delete(`${RW}/articles/${article.slug}/comments/${id}`).set(stranger.header);
    const res = await request(h.app).delete(`${RW}/articles/${article.slug}/comments/${id}`).set(reader.header);
    const again = await request(h.app).delete(`${RW}/articles/${article.slug}/comments/${id}`).set(reader.header);
    const malformed = await request(h.app).delete(`${RW}/articles/${article.slug}/comments/42`).set(reader.header);

    expect(foreign.status).toBe(403);
    expect(res.status).toBe(204);
    expect(await h.models.Comment.countDocuments({ _id: id })).toBe(0);
    expect(again.status).toBe(404);
    expect(malformed.status).toBe(404);
  });

  it('answers CORS preflights so a browser frontend on another origin can call the mount', async () => {
    const res = await request(h.app)
      .options(`${RW}/articles`)
      .set('Origin', 'http://localhost:4100')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');

    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    const get = await request(h.app).get(`${RW}/tags`).set('Origin', 'http://localhost:4100');
    expect(get.headers['access-control-allow-origin']).toBe('*');
  });
});
