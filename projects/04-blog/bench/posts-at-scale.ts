/**
 * The public post list at 100,000 posts (and at a tenth of it, so the growth shows), each query
 * timed three ways: the API over HTTP, the repository call its route makes (`PostRepository.page`),
 * and the same find + count with the raw `mongodb` driver (same filter, sort, projection, skip and
 * limit) on the same connection pool. Prints p50/p95 and the ratios to the raw driver, and writes
 * bench/results/posts-at-scale.json. Asserts nothing.
 *
 * It seeds its own database (insertMany in batches of 1,000, a fixed random seed): 2,000 authors,
 * 300 tags and 12 categories picked by Zipf's law, 88 % published over five years, the rest drafts,
 * posts in review and rejected ones, bodies of about 1,500 characters. It lays 10,000 posts,
 * measures, adds 90,000, measures again, and drops the database at the end.
 *
 *   pnpm --filter @roadmap/blog bench:scale     (BENCH_RUNS=5 BENCH_RUNS_FULL=2 BENCH_POSTS=100000)
 */
import { tmpdir } from 'node:os';
import { createTestIssuer } from '@roadmap/auth/testing';
import { createLogger, loadConfig, type PageRequest, type SortSpec } from '@roadmap/core';
import { connectMongo } from '@roadmap/core/mongo';
import {
  layeredTable,
  listen,
  seededRandom,
  timeCalls,
  writeBenchReport,
  zipfPicker,
  type LayeredTiming,
} from '@roadmap/testing';
import type { Types, mongo } from 'mongoose';
import { z } from 'zod';
import { createApp, createRepositories, ensureIndexes, POSTS_PATH } from '../src/app.js';
import type { PostStatus } from '../src/modules/posts/index.js';

const env = loadConfig(
  z.object({
    MONGO_URL: z.string().min(1).default('mongodb://127.0.0.1:27017'),
    BENCH_RUNS: z.coerce.number().int().min(1).max(200).default(5),
    /** At full size each call reads every match on FerretDB (seconds): fewer calls, no warm-up. */
    BENCH_RUNS_FULL: z.coerce.number().int().min(1).max(200).default(2),
    BENCH_POSTS: z.coerce.number().int().min(1000).max(1_000_000).default(100_000),
  }),
);

const LIMIT = 20;
const BATCH = 1000;
const DAY_MS = 86_400_000;
const NEWEST = Date.UTC(2026, 0, 1);
const PARAGRAPH =
  'Backends grow one query at a time. An index that fits the filter and the sort lets the database ' +
  'read twenty entries instead of every post, and a count over an index reads keys, not documents. ';

const random = seededRandom(20);
const authors = Array.from({ length: 2000 }, (_, i) => `author-${String(i + 1).padStart(4, '0')}`);
const tags = Array.from({ length: 300 }, (_, i) => `tag-${i + 1}`);
const pickAuthor = zipfPicker(authors, random);
const pickTag = zipfPicker(tags, random);
const STATUSES: [PostStatus, number][] = [
  ['published', 0.88],
  ['draft', 0.05],
  ['pending_review', 0.04],
  ['rejected', 0.03],
];

function pickStatus(): PostStatus {
  let r = random();
  for (const [status, share] of STATUSES) {
    if (r < share) return status;
    r -= share;
  }
  return 'published';
}

/** Post number `i` as stored (the shape of post.model.ts), with skewed authors, tags and categories. */
function storedPost(i: number, pickCategory: () => Types.ObjectId) {
  const status = pickStatus();
  const written = new Date(NEWEST - Math.floor(random() * 5 * 365 * DAY_MS));
  const published = status === 'published' ? new Date(written.getTime() + Math.floor(random() * 3 * DAY_MS)) : null;
  const title = `Scaling note ${i}: ${pickTag()} in practice`;
  const postTags = [...new Set(Array.from({ length: 1 + Math.floor(random() * 4) }, pickTag))];
  const authorId = pickAuthor();
  return {
    title,
    titleKey: title.toLowerCase(),
    slug: `scaling-note-${i}`,
    body: `${PARAGRAPH.repeat(7)}(${i})`,
    excerpt: PARAGRAPH.slice(0, 150),
    coverImage: null,
    category: pickCategory(),
    tags: postTags,
    authorId,
    authorEmail: `${authorId}@blog.test`,
    status,
    rejectionReason: status === 'rejected' ? 'Cite your sources.' : null,
    submittedAt: status === 'draft' ? null : written,
    publishedAt: published,
    reviewedBy: published ? 'admin-1' : null,
    commentCount: Math.floor(random() ** 3 * 200),
    version: 1,
    createdAt: written,
    updatedAt: published ?? written,
  };
}

async function seed(posts: mongo.Collection, from: number, to: number, pickCategory: () => Types.ObjectId) {
  for (let start = from; start < to; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, to - start) }, (_, k) => storedPost(start + k, pickCategory));
    await posts.insertMany(batch, { ordered: false });
  }
}

/** One public list query, as the API is asked it and as the route's service asks the repository. */
interface ListQuery {
  name: string;
  search: Record<string, string>;
  /** The filter PostService.list gives the repository (published, unless an admin asks). */
  filter: { status: 'published'; tag?: string; authorId?: string };
  page: number;
}

async function main(): Promise<void> {
  const dbName = `bench_blog_scale_${process.pid}`;
  // Full scans at 100,000 posts can take seconds on FerretDB: a generous socket bound.
  const connection = await connectMongo({ url: env.MONGO_URL, dbName, timeoutMs: 10_000, socketTimeoutMs: 300_000 });
  const logger = createLogger({ name: 'bench', level: 'warn' });
  const repositories = createRepositories(connection);
  await ensureIndexes(repositories);
  const app = createApp({
    logger,
    connection,
    verifier: createTestIssuer().verifier,
    // Listing owes no mail.
    mail: { relaySoon: () => undefined },
    uploadDir: tmpdir(),
  });
  const server = await listen(app);
  const db = connection.db;
  if (!db) throw new Error('not connected');
  const posts = db.collection('posts');
  const timings: LayeredTiming[] = [];
  try {
    const categoryIds: Types.ObjectId[] = [];
    for (let i = 1; i <= 12; i += 1) {
      const category = await repositories.categories.create({
        name: `Topic ${i}`,
        description: '',
        slug: `topic-${i}`,
      });
      categoryIds.push(category._id);
    }
    const pickCategory = zipfPicker(categoryIds, random);
    const sizes = [Math.round(env.BENCH_POSTS / 10), env.BENCH_POSTS];
    let seeded = 0;
    for (const size of sizes) {
      const started = performance.now();
      await seed(posts, seeded, size, pickCategory);
      seeded = size;
      process.stdout.write(`seeded ${size} posts (${Math.round(performance.now() - started)} ms)\n`);
      const published = await posts.countDocuments({ status: 'published' });
      const full = size === env.BENCH_POSTS;
      const scale = `${full ? '1x' : '0.1x'} (${size.toLocaleString('en')} posts)`;
      // The tenth warms the connections and the code; the full size's calls need no warm-up of their own.
      const time = (call: () => Promise<unknown>) =>
        timeCalls(full ? env.BENCH_RUNS_FULL : env.BENCH_RUNS, call, { warmUp: !full });
      const queries: ListQuery[] = [
        { name: 'GET /posts (newest 20 published)', search: {}, filter: { status: 'published' }, page: 1 },
        {
          name: `GET /posts?tag= (most used tag)`,
          search: { tag: tags[0]! },
          filter: { status: 'published', tag: tags[0]! },
          page: 1,
        },
        {
          name: `GET /posts?tag= (tag ranked 100th)`,
          search: { tag: tags[99]! },
          filter: { status: 'published', tag: tags[99]! },
          page: 1,
        },
        {
          name: 'GET /posts?author= (most prolific author)',
          search: { author: authors[0]! },
          filter: { status: 'published', authorId: authors[0]! },
          page: 1,
        },
        {
          name: 'GET /posts?page= (middle page, skip)',
          search: {},
          filter: { status: 'published' },
          page: Math.max(1, Math.floor(published / LIMIT / 2)),
        },
      ];
      for (const query of queries) {
        const request: PageRequest = { page: query.page, limit: LIMIT };
        const sort: SortSpec = { field: 'publishedAt', direction: 'desc' };
        const params = new URLSearchParams({ ...query.search, page: String(query.page), limit: String(LIMIT) });
        const url = `${server.url}${POSTS_PATH}?${params.toString()}`;
        const rawFilter = {
          status: query.filter.status,
          ...(query.filter.tag ? { tags: query.filter.tag } : {}),
          ...(query.filter.authorId ? { authorId: query.filter.authorId } : {}),
        };
        const api = await time(async () => {
          const res = await fetch(url);
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
        });
        const repository = await time(() => repositories.posts.page(query.filter, request, sort));
        // What findPage sends, without Mongoose: the find and the count in parallel.
        const raw = await time(() =>
          Promise.all([
            posts
              .find(rawFilter, { projection: { body: 0 } })
              .sort({ publishedAt: -1, _id: -1 })
              .skip((query.page - 1) * LIMIT)
              .limit(LIMIT)
              .toArray(),
            posts.countDocuments(rawFilter),
          ]),
        );
        timings.push({
          query: `${query.name}${query.page > 1 ? `, page ${query.page}` : ''}`,
          scale,
          api,
          repository,
          raw,
        });
        process.stdout.write(
          `  ${query.name}: API ${api.p50} ms, repository ${repository.p50} ms, raw ${raw.p50} ms\n`,
        );
      }
    }
  } finally {
    await server.close();
    await connection.dropDatabase();
    await connection.close();
  }
  writeBenchReport(__dirname, {
    name: 'posts-at-scale',
    title: `Blog post list at ${env.BENCH_POSTS.toLocaleString('en')} posts (and a tenth of it), against the raw driver`,
    method:
      `Sequential calls per figure: ${env.BENCH_RUNS} after a warm-up at 0.1x, ${env.BENCH_RUNS_FULL} at 1x ` +
      `(where a p95 of few calls is the slowest one), on a database the bench seeds ` +
      `(2,000 authors, 300 tags and 12 categories by Zipf's law, 88 % published over five years, bodies of ` +
      `about 1,500 characters) on ${env.MONGO_URL}. API: GET over loopback HTTP (log level warn); ` +
      `repository: PostRepository.page as PostService.list calls it; raw driver: the same find (filter, ` +
      `sort publishedAt desc then _id, projection without body, skip, limit ${LIMIT}) and countDocuments in ` +
      `parallel with the mongodb driver. Ratios are of the p50s.`,
    tables: [layeredTable(timings)],
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
