import { expectProblem, fieldsOf } from '@roadmap/testing';
import request from 'supertest';
import { useBlogHarness } from './harness.js';
import { createPost, makeUser, publishedPost, type PostBody, type TestUser } from './fixtures.js';

const h = useBlogHarness('blog-visibility');
let author: TestUser;
let other: TestUser;
let admin: TestUser;
let hidden: Record<'draft' | 'pending_review' | 'rejected', PostBody>;
let published: PostBody;

const ids = (res: request.Response): string[] => (res.body.data as PostBody[]).map((p) => p.id);

beforeAll(async () => {
  author = makeUser(h.issuer, 'user', 'author');
  other = makeUser(h.issuer, 'user', 'other');
  admin = makeUser(h.issuer, 'admin');
  const draft = await createPost(h.app, author, { title: 'Hidden draft', tags: ['secret'] });
  const pending = await createPost(h.app, author, { title: 'Hidden pending', tags: ['secret'] });
  await request(h.app).post(`/api/v1/posts/${pending.id}/submit`).set(author.header);
  const rejected = await createPost(h.app, author, { title: 'Hidden rejected', tags: ['secret'] });
  await request(h.app).post(`/api/v1/posts/${rejected.id}/submit`).set(author.header);
  await request(h.app).post(`/api/v1/posts/${rejected.id}/reject`).set(admin.header).send({ reason: 'Not yet.' });
  hidden = { draft, pending_review: pending, rejected };
  published = await publishedPost(h.app, author, admin, { title: 'Visible post', tags: ['secret'] });
});

describe('no public route ever shows a draft, pending or rejected post', () => {
  const viewers = () =>
    [
      ['anonymous', {}],
      ['another user', other.header],
    ] as const;

  it.each(['draft', 'pending_review', 'rejected'] as const)(
    'hides a %s post from every public read',
    async (status) => {
      const post = hidden[status];
      for (const [, header] of viewers()) {
        expectProblem(await request(h.app).get(`/api/v1/posts/${post.id}`).set(header), 404);
        expectProblem(await request(h.app).get(`/api/v1/posts/by-slug/${post.slug}`).set(header), 404);
        expectProblem(await request(h.app).get(`/api/v1/posts/${post.id}/comments`).set(header), 404);
        const lists = await Promise.all([
          request(h.app).get('/api/v1/posts').set(header),
          request(h.app).get('/api/v1/posts?tag=secret').set(header),
          request(h.app).get('/api/v1/posts?q=hidden').set(header),
          request(h.app).get(`/api/v1/posts?author=${author.id}`).set(header),
          request(h.app).get('/api/v1/posts?status=published').set(header),
        ]);
        for (const list of lists) {
          expect(list.status).toBe(200);
          expect(ids(list)).not.toContain(post.id);
        }
      }
    },
  );

  it('shows the published post publicly', async () => {
    const res = await request(h.app).get('/api/v1/posts?tag=secret');
    expect(ids(res)).toEqual([published.id]);
    expect((await request(h.app).get(`/api/v1/posts/by-slug/${published.slug}`)).body.id).toBe(published.id);
  });

  it('refuses the status filter to non-admins (403), and never lets it reveal posts', async () => {
    expectProblem(await request(h.app).get('/api/v1/posts?status=draft'), 403);
    expectProblem(await request(h.app).get('/api/v1/posts?status=pending_review').set(author.header), 403);
  });

  it('shows authors their own posts in any status, and admins everything', async () => {
    for (const post of Object.values(hidden)) {
      expect((await request(h.app).get(`/api/v1/posts/${post.id}`).set(author.header)).status).toBe(200);
      expect((await request(h.app).get(`/api/v1/posts/${post.id}`).set(admin.header)).status).toBe(200);
    }
    const mine = await request(h.app).get('/api/v1/posts/mine').set(author.header);
    expect(ids(mine)).toEqual(expect.arrayContaining([...Object.values(hidden).map((p) => p.id), published.id]));
    const myDrafts = await request(h.app).get('/api/v1/posts/mine?status=draft').set(author.header);
    expect(ids(myDrafts)).toEqual([hidden.draft.id]);
    expect(ids(await request(h.app).get('/api/v1/posts/mine').set(other.header))).toEqual([]);
    expectProblem(await request(h.app).get('/api/v1/posts/mine'), 401);
    const adminList = await request(h.app).get('/api/v1/posts?status=rejected').set(admin.header);
    expect(ids(adminList)).toEqual([hidden.rejected.id]);
  });

  it('answers 401 to a bad token even on public routes', async () => {
    expectProblem(await request(h.app).get('/api/v1/posts').set('Authorization', 'Bearer broken'), 401);
    expectProblem(await request(h.app).get('/api/v1/posts').set('Authorization', 'Basic abc'), 401);
  });
});

describe('listing: filters, search, sort, pagination', () => {
  let tech: string;
  const titles = ['Zebra crossing', 'apple pie', 'Mango (tropical) fruit', 'banana split'];
  const listed: PostBody[] = [];

  beforeAll(async () => {
    const category = await request(h.app).post('/api/v1/categories').set(admin.header).send({ name: 'Listing Tech' });
    tech = category.body.slug as string;
    for (const [i, title] of titles.entries()) {
      const post = await publishedPost(h.app, i % 2 === 0 ? author : other, admin, {
        title,
        tags: ['listing', i < 2 ? 'first-half' : 'second-half'],
        ...(i < 3 ? { categoryId: category.body.id } : {}),
      });
      listed.push(post);
    }
    // Comment counts: banana 2, apple 1.
    await request(h.app).post(`/api/v1/posts/${listed[3]?.id}/comments`).set(author.header).send({ body: 'one' });
    await request(h.app).post(`/api/v1/posts/${listed[3]?.id}/comments`).set(author.header).send({ body: 'two' });
    await request(h.app).post(`/api/v1/posts/${listed[1]?.id}/comments`).set(other.header).send({ body: 'three' });
  });

  const titlesOf = (res: request.Response) => (res.body.data as PostBody[]).map((p) => p.title);

  it('filters by category, tag and author', async () => {
    expect(titlesOf(await request(h.app).get(`/api/v1/posts?category=${tech}&sort=title`))).toEqual([
      'apple pie',
      'Mango (tropical) fruit',
      'Zebra crossing',
    ]);
    expect((await request(h.app).get('/api/v1/posts?category=no-such-category')).body).toMatchObject({
      data: [],
      total: 0,
    });
    expect(titlesOf(await request(h.app).get('/api/v1/posts?tag=second-half&sort=title'))).toEqual([
      'banana split',
      'Mango (tropical) fruit',
    ]);
    expect(titlesOf(await request(h.app).get(`/api/v1/posts?tag=listing&author=${other.id}&sort=title`))).toEqual([
      'apple pie',
      'banana split',
    ]);
  });

  it('searches titles case-insensitively, treating the text literally', async () => {
    expect(titlesOf(await request(h.app).get('/api/v1/posts?q=MANGO'))).toEqual(['Mango (tropical) fruit']);
    expect(titlesOf(await request(h.app).get(`/api/v1/posts?q=${encodeURIComponent('(tropical)')}`))).toEqual([
      'Mango (tropical) fruit',
    ]);
    expect(titlesOf(await request(h.app).get(`/api/v1/posts?q=${encodeURIComponent('.*')}`))).toEqual([]);
  });

  it('sorts by title (case-insensitive), comment count and publishedAt', async () => {
    expect(titlesOf(await request(h.app).get('/api/v1/posts?tag=listing&sort=title'))).toEqual([
      'apple pie',
      'banana split',
      'Mango (tropical) fruit',
      'Zebra crossing',
    ]);
    const byComments = titlesOf(await request(h.app).get('/api/v1/posts?tag=listing&sort=-commentCount'));
    expect(byComments.slice(0, 2)).toEqual(['banana split', 'apple pie']);
    expect(titlesOf(await request(h.app).get('/api/v1/posts?tag=listing&sort=-publishedAt'))).toEqual(
      [...titles].reverse(),
    );
  });

  it('filters by a publishedAt date range', async () => {
    const second = listed[1]?.publishedAt as string;
    const third = listed[2]?.publishedAt as string;
    const res = await request(h.app).get(
      `/api/v1/posts?tag=listing&from=${encodeURIComponent(second)}&to=${encodeURIComponent(third)}&sort=publishedAt`,
    );
    expect(titlesOf(res)).toEqual(['apple pie', 'Mango (tropical) fruit']);
    expect((await request(h.app).get('/api/v1/posts?tag=listing&to=2000-01-01')).body.total).toBe(0);
    // Bare dates cover whole days (UTC): from the first post's day to the last post's day holds all four.
    const firstDay = (listed[0]?.publishedAt as string).slice(0, 10);
    const lastDay = (listed[3]?.publishedAt as string).slice(0, 10);
    const byDays = await request(h.app).get(`/api/v1/posts?tag=listing&from=${firstDay}&to=${lastDay}`);
    expect(byDays.body.total).toBe(4);
    const backwards = await request(h.app).get('/api/v1/posts?from=2030-01-01&to=2020-01-01');
    expect(fieldsOf(expectProblem(backwards, 422))).toEqual(['query.from']);
  });

  it('pages with page, limit and total, and caps the limit', async () => {
    const page1 = await request(h.app).get('/api/v1/posts?tag=listing&sort=title&limit=3&page=1');
    expect(page1.body).toMatchObject({ page: 1, limit: 3, total: 4, totalPages: 2 });
    const page2 = await request(h.app).get('/api/v1/posts?tag=listing&sort=title&limit=3&page=2');
    expect(titlesOf(page2)).toEqual(['Zebra crossing']);
    const tooMany = await request(h.app).get('/api/v1/posts?limit=51');
    expect(fieldsOf(expectProblem(tooMany, 400))).toEqual(['query.limit']);
  });

  it('answers 400 for bad query parameters', async () => {
    const res = await request(h.app).get('/api/v1/posts?sort=body&page=0&from=yesterday&status=live&category=Bad!');
    expect(fieldsOf(expectProblem(res, 400))).toEqual(
      expect.arrayContaining(['query.sort', 'query.page', 'query.from', 'query.status', 'query.category']),
    );
  });

  it('lists the review queue oldest submission first', async () => {
    const a = await createPost(h.app, author, { title: 'Queue A' });
    const b = await createPost(h.app, other, { title: 'Queue B' });
    await request(h.app).post(`/api/v1/posts/${b.id}/submit`).set(other.header);
    await request(h.app).post(`/api/v1/posts/${a.id}/submit`).set(author.header);
    const queue = await request(h.app).get('/api/v1/posts/review-queue?limit=50').set(admin.header);
    const order = ids(queue);
    expect(order.indexOf(hidden.pending_review.id)).toBeLessThan(order.indexOf(b.id));
    expect(order.indexOf(b.id)).toBeLessThan(order.indexOf(a.id));
    expect((queue.body.data as PostBody[]).every((p) => p.status === 'pending_review')).toBe(true);
  });
});
