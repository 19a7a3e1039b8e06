/** RealWorld articles through the mount: they are the blog's posts, with favorites and authors' profiles. */
import request from 'supertest';
import { registerUser, RW, useRealWorldHarness, writeArticle, type RealWorldUser } from './realworld-harness.js';

const h = useRealWorldHarness('blog-rw-articles');
let author: RealWorldUser;
let reader: RealWorldUser;

beforeAll(async () => {
  author = await registerUser(h.app, 'author');
  reader = await registerUser(h.app, 'reader');
});

const ISO = /^\d{4,}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d:[0-5]\d\.\d+(?:[+-][0-2]\d:[0-5]\d|Z)$/;

describe('RealWorld articles', () => {
  it('creates an article as a published post and answers { article } in the spec shape', async () => {
    const res = await request(h.app)
      .post(`${RW}/articles`)
      .set(author.header)
      .send({
        article: {
          title: 'How to train your dragon',
          description: 'Ever wonder how?',
          body: 'Very carefully.',
          tagList: ['dragons', 'training'],
        },
      });

    expect(res.status).toBe(201);
    expect(res.body.article).toEqual({
      slug: expect.stringMatching(/^how-to-train-your-dragon/),
      title: 'How to train your dragon',
      description: 'Ever wonder how?',
      body: 'Very carefully.',
      tagList: ['dragons', 'training'],
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
      favorited: false,
      favoritesCount: 0,
      author: { username: author.username, bio: null, image: null, following: false },
    });
    const stored = await h.models.Post.findOne({ slug: res.body.article.slug }).lean();
    expect(stored).toMatchObject({ status: 'published', excerpt: 'Ever wonder how?', body: 'Very carefully.' });
  });

  it('gets an article by slug, to anyone, and 404 for an unknown slug', async () => {
    const article = await writeArticle(h.app, author);

    const res = await request(h.app).get(`${RW}/articles/${article.slug}`);
    const missing = await request(h.app).get(`${RW}/articles/no-such-article`);

    expect(res.status).toBe(200);
    expect(res.body.article).toMatchObject({ slug: article.slug, title: article.title, body: 'The body.' });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ errors: { body: [expect.any(String)] } });
  });

  it('answers 401 to writing without a token and 422 naming an empty title', async () => {
    const anonymous = await request(h.app)
      .post(`${RW}/articles`)
      .send({ article: { title: 'x', description: 'y', body: 'z' } });
    const invalid = await request(h.app)
      .post(`${RW}/articles`)
      .set(author.header)
      .send({ article: { title: '', description: 'y', body: 'z' } });

    expect(anonymous.status).toBe(401);
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.body.errors as object)).toEqual(['title']);
  });

  it("updates the author's article (slug kept) and answers 403 to anyone else", async () => {
    const article = await writeArticle(h.app, author);

    const res = await request(h.app)
      .put(`${RW}/articles/${article.slug}`)
      .set(author.header)
      .send({ article: { body: 'With two hands', title: 'A new title', tagList: ['hands'] } });
    const foreign = await request(h.app)
      .put(`${RW}/articles/${article.slug}`)
      .set(reader.header)
      .send({ article: { body: 'Mine now' } });

    expect(res.status).toBe(200);
    expect(res.body.article).toMatchObject({
      slug: article.slug,
      title: 'A new title',
      body: 'With two hands',
      tagList: ['hands'],
    });
    expect(foreign.status).toBe(403);
    const stored = await h.models.Post.findOne({ slug: article.slug }).lean();
    expect(stored?.body).toBe('With two hands');
  });

  it("deletes the author's article with its comments and favorites, and answers 403 to anyone else", async () => {
    const article = await writeArticle(h.app, author);
    await request(h.app).post(`${RW}/articles/${article.slug}/favorite`).set(reader.header).expect(200);
    await request(h.app)
      .post(`${RW}/articles/${article.slug}/comments`)
      .set(reader.header)
      .send({ comment: { body: 'Nice' } })
      .expect(201);
    const stored = await h.models.Post.findOne({ slug: article.slug }).lean().orFail();
    const favorites = h.models.Post.db.collection('favorites');
    expect(await favorites.countDocuments({ post: stored._id })).toBe(1);

    const foreign = await request(h.app).delete(`${RW}/articles/${article.slug}`).set(reader.header);
    const res = await request(h.app).delete(`${RW}/articles/${article.slug}`).set(author.header);

    expect(foreign.status).toBe(403);
    expect(res.status).toBe(204);
    expect(await h.models.Post.countDocuments({ slug: article.slug })).toBe(0);
    expect(await favorites.countDocuments({ post: stored._id })).toBe(0);
    expect(await h.models.Comment.countDocuments({ post: stored._id })).toBe(0);
    expect((await request(h.app).get(`${RW}/articles/${article.slug}`)).status).toBe(404);
  });

  it("favorites and unfavorites: count and favorited are the caller's", async () => {
    const article = await writeArticle(h.app, author);

    const fav = await request(h.app).post(`${RW}/articles/${article.slug}/favorite`).set(reader.header);
    const twice = await request(h.app).post(`${RW}/articles/${article.slug}/favorite`).set(reader.header);
    const seenByAuthor = await request(h.app).get(`${RW}/articles/${article.slug}`).set(author.header);
    const unfav = await request(h.app).delete(`${RW}/articles/${article.slug}/favorite`).set(reader.header);

    expect(fav.status).toBe(200);
    expect(fav.body.article).toMatchObject({ favorited: true, favoritesCount: 1 });
    expect(twice.body.article).toMatchObject({ favorited: true, favoritesCount: 1 });
    expect(seenByAuthor.body.article).toMatchObject({ favorited: false, favoritesCount: 1 });
    expect(unfav.status).toBe(200);
    expect(unfav.body.article).toMatchObject({ favorited: false, favoritesCount: 0 });
  });

  it('answers 401 to favoriting without a token and 404 for an unknown article', async () => {
    const anonymous = await request(h.app).post(`${RW}/articles/whatever/favorite`);
    const missing = await request(h.app).post(`${RW}/articles/no-such-article/favorite`).set(reader.header);

    expect(anonymous.status).toBe(401);
    expect(missing.status).toBe(404);
  });
});

describe('RealWorld article lists', () => {
  let tagged: RealWorldUser;

  beforeAll(async () => {
    tagged = await registerUser(h.app, 'lists');
  });

  it('lists published articles newest first with articlesCount, by limit and offset', async () => {
    const first = await writeArticle(h.app, tagged, { title: 'List one' });
    const second = await writeArticle(h.app, tagged, { title: 'List two' });

    const page = await request(h.app).get(`${RW}/articles?author=${tagged.username}&limit=1&offset=0`);
    const next = await request(h.app).get(`${RW}/articles?author=${tagged.username}&limit=1&offset=1`);

    expect(page.status).toBe(200);
    expect(page.body.articlesCount).toBe(2);
    expect(page.body.articles.map((a: { slug: string }) => a.slug)).toEqual([second.slug]);
    expect(next.body.articles.map((a: { slug: string }) => a.slug)).toEqual([first.slug]);
    expect(page.body.articles[0]).toMatchObject({ author: { username: tagged.username } });
  });

  it('leaves the body out of list items, as RealWorld now does, and keeps it on the single article', async () => {
    const article = await writeArticle(h.app, tagged, { title: 'Listed without body' });

    const list = await request(h.app).get(`${RW}/articles?author=${tagged.username}&limit=1`);
    const single = await request(h.app).get(`${RW}/articles/${article.slug}`);

    expect(list.body.articles[0].slug).toBe(article.slug);
    expect(list.body.articles[0]).not.toHaveProperty('body');
    expect(single.body.article.body).toBe('The body.');
  });

  it('filters by tag, tags in alphabetical order, and answers an empty list for an unknown author', async () => {
    const tag = `tag${Date.now().toString(36)}`;
    const withTag = await writeArticle(h.app, tagged, { tagList: ['zebra', tag, 'other'] });
    await writeArticle(h.app, tagged, { tagList: ['other'] });

    const byTag = await request(h.app).get(`${RW}/articles?tag=${tag}`);
    const nobody = await request(h.app).get(`${RW}/articles?author=nobody-${Date.now()}`);

    expect(byTag.body).toMatchObject({
      articlesCount: 1,
      articles: [{ slug: withTag.slug, tagList: ['other', tag, 'zebra'] }],
    });
    expect(withTag.tagList).toEqual(['other', tag, 'zebra']);
    expect(nobody.body).toEqual({ articles: [], articlesCount: 0 });
  });

  it('filters by who favorited', async () => {
    const fan = await registerUser(h.app, 'fan');
    const liked = await writeArticle(h.app, tagged);
    await writeArticle(h.app, tagged);
    await request(h.app).post(`${RW}/articles/${liked.slug}/favorite`).set(fan.header).expect(200);

    const res = await request(h.app).get(`${RW}/articles?favorited=${fan.username}`).set(fan.header);

    expect(res.body).toMatchObject({
      articlesCount: 1,
      articles: [{ slug: liked.slug, favorited: true, favoritesCount: 1 }],
    });
  });

  it('feeds the articles of followed authors only, with following true', async () => {
    const [followed, ignored, follower] = [
      await registerUser(h.app, 'followed'),
      await registerUser(h.app, 'ignored'),
      await registerUser(h.app, 'follower'),
    ];
    const shown = await writeArticle(h.app, followed);
    await writeArticle(h.app, ignored);
    const empty = await request(h.app).get(`${RW}/articles/feed`).set(follower.header);
    await request(h.app).post(`${RW}/profiles/${followed.username}/follow`).set(follower.header).expect(200);

    const feed = await request(h.app).get(`${RW}/articles/feed`).set(follower.header);
    const anonymous = await request(h.app).get(`${RW}/articles/feed`);

    expect(empty.body).toEqual({ articles: [], articlesCount: 0 });
    expect(feed.status).toBe(200);
    expect(feed.body).toMatchObject({
      articlesCount: 1,
      articles: [{ slug: shown.slug, author: { username: followed.username, following: true } }],
    });
    expect(anonymous.status).toBe(401);
  });

  it('answers 422 to a limit out of range', async () => {
    const res = await request(h.app).get(`${RW}/articles?limit=0`);

    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors as object)).toEqual(['limit']);
  });

  it('lists the tags of published articles, each once', async () => {
    const tag = `unique${Date.now().toString(36)}`;
    await writeArticle(h.app, tagged, { tagList: [tag] });
    await writeArticle(h.app, tagged, { tagList: [tag] });

    const res = await request(h.app).get(`${RW}/tags`);

    expect(res.status).toBe(200);
    expect(res.body.tags.filter((t: string) => t === tag)).toEqual([tag]);
  });
});
