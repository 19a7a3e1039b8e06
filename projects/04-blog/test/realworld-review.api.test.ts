/**
 * REALWORLD_AUTO_PUBLISH=false: articles written through the RealWorld mount go through the blog's
 * review workflow, hidden from everyone but their author (and admins) until an admin approves them.
 */
import request from 'supertest';
import { registerUser, RW, useRealWorldHarness, writeArticle, type RealWorldUser } from './realworld-harness.js';

const h = useRealWorldHarness('blog-rw-review', { autoPublish: false });
let author: RealWorldUser;
let reader: RealWorldUser;
let adminHeader: { Authorization: string };

beforeAll(async () => {
  author = await registerUser(h.app, 'author');
  reader = await registerUser(h.app, 'reader');
  await h.auth.seed();
  const login = await request(h.app)
    .post(`${RW}/users/login`)
    .send({ user: { email: 'admin@example.com', password: 'Admin-password-1' } })
    .expect(200);
  adminHeader = { Authorization: `Bearer ${login.body.user.token as string}` };
});

describe('RealWorld articles under review (REALWORLD_AUTO_PUBLISH=false)', () => {
  it('submits a new article for review instead of publishing it', async () => {
    const article = await writeArticle(h.app, author);

    const stored = await h.models.Post.findOne({ slug: article.slug }).lean();
    expect(stored).toMatchObject({ status: 'pending_review', publishedAt: null });
    const queue = await request(h.app).get('/api/v1/posts/review-queue').set(adminHeader);
    expect(queue.body.data.map((p: { slug: string }) => p.slug)).toContain(article.slug);
  });

  it('hides the article from lists, tags and other readers, but shows it to its author', async () => {
    const tag = `hidden${Date.now().toString(36)}`;
    const article = await writeArticle(h.app, author, { tagList: [tag] });

    const list = await request(h.app).get(`${RW}/articles?author=${author.username}`);
    const byTag = await request(h.app).get(`${RW}/articles?tag=${tag}`);
    const tags = await request(h.app).get(`${RW}/tags`);
    const asReader = await request(h.app).get(`${RW}/articles/${article.slug}`).set(reader.header);
    const anonymous = await request(h.app).get(`${RW}/articles/${article.slug}`);
    const asAuthor = await request(h.app).get(`${RW}/articles/${article.slug}`).set(author.header);

    expect(list.body.articles.map((a: { slug: string }) => a.slug)).not.toContain(article.slug);
    expect(byTag.body).toEqual({ articles: [], articlesCount: 0 });
    expect(tags.body.tags).not.toContain(tag);
    expect(asReader.status).toBe(404);
    expect(anonymous.status).toBe(404);
    expect(asAuthor.status).toBe(200);
    expect(asAuthor.body.article.slug).toBe(article.slug);
  });

  it('shows the article to everyone once an admin approves it on the blog API', async () => {
    const article = await writeArticle(h.app, author);
    const stored = await h.models.Post.findOne({ slug: article.slug }).lean().orFail();

    await request(h.app).post(`/api/v1/posts/${stored._id.toString()}/approve`).set(adminHeader).expect(200);

    const anonymous = await request(h.app).get(`${RW}/articles/${article.slug}`);
    const list = await request(h.app).get(`${RW}/articles?author=${author.username}`);
    expect(anonymous.status).toBe(200);
    expect(list.body.articles.map((a: { slug: string }) => a.slug)).toContain(article.slug);
  });

  it('refuses to edit an article waiting for review (409), and comments until it is published', async () => {
    const article = await writeArticle(h.app, author);

    const edit = await request(h.app)
      .put(`${RW}/articles/${article.slug}`)
      .set(author.header)
      .send({ article: { body: 'Sneaky edit' } });
    const comment = await request(h.app)
      .post(`${RW}/articles/${article.slug}/comments`)
      .set(author.header)
      .send({ comment: { body: 'too early' } });

    expect(edit.status).toBe(409);
    expect(edit.body).toEqual({ errors: { body: [expect.any(String)] } });
    expect(comment.status).toBe(409);
    expect((await h.models.Post.findOne({ slug: article.slug }).lean())?.body).toBe('The body.');
  });

  it('never lets the author publish a reviewed article by editing it once approved', async () => {
    const article = await writeArticle(h.app, author);
    const stored = await h.models.Post.findOne({ slug: article.slug }).lean().orFail();
    await request(h.app).post(`/api/v1/posts/${stored._id.toString()}/approve`).set(adminHeader).expect(200);

    const edit = await request(h.app)
      .put(`${RW}/articles/${article.slug}`)
      .set(author.header)
      .send({ article: { body: 'Changed after review' } });

    expect(edit.status).toBe(409);
    expect((await h.models.Post.findOne({ slug: article.slug }).lean())?.body).toBe('The body.');
  });
});
