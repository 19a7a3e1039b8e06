/**
 * Demo data, safe to run again and again: three categories, a post in every status and a few
 * comments. Everything is upserted by slug, so a second run changes nothing.
 *   pnpm --filter @roadmap/blog seed          (MONGO_URL defaults to mongodb://127.0.0.1:27017/blog)
 */
import { createLogger, loadConfig, startOrExit } from '@roadmap/core';
import { connectMongo } from '@roadmap/core/mongo';
import type { Types } from 'mongoose';
import { z } from 'zod';
import { createRepositories, ensureIndexes } from './app.js';
import { blogEnvSchema } from './config.js';
import type { PostStatus } from './modules/posts/index.js';

const DEMO_AUTHOR = { id: 'demo-author', email: 'author@example.com' };
const DEMO_READER = 'demo-reader';
const DEMO_ADMIN = 'demo-admin';

const categories = [
  { slug: 'backend', name: 'Backend', description: 'Servers, APIs and databases.' },
  { slug: 'devops', name: 'DevOps', description: 'Shipping and running software.' },
  { slug: 'career', name: 'Career', description: 'Learning and working as an engineer.' },
];

const posts: { slug: string; title: string; category: string; tags: string[]; status: PostStatus; body: string }[] = [
  {
    slug: 'designing-rest-apis',
    title: 'Designing REST APIs',
    category: 'backend',
    tags: ['api', 'http'],
    status: 'published',
    body: '# Designing REST APIs\n\nResources, verbs and **status codes**.',
  },
  {
    slug: 'zero-downtime-deploys',
    title: 'Zero-downtime deploys',
    category: 'devops',
    tags: ['deploy'],
    status: 'published',
    body: 'Drain, then switch. Readiness probes matter.',
  },
  {
    slug: 'mongodb-indexes-explained',
    title: 'MongoDB indexes explained',
    category: 'backend',
    tags: ['mongodb'],
    status: 'pending_review',
    body: 'Unique indexes make slugs safe.',
  },
  {
    slug: 'my-first-year',
    title: 'My first year',
    category: 'career',
    tags: ['story'],
    status: 'rejected',
    body: 'Too short for now.',
  },
  {
    slug: 'draft-on-queues',
    title: 'Draft: on queues',
    category: 'backend',
    tags: ['redis', 'bull'],
    status: 'draft',
    body: 'Retries, backoff and idempotency.',
  },
];

startOrExit(async () => {
  // The server's MONGO_URL rule, so seed and API pick the same database from a shared URL.
  const env = loadConfig(z.object({ MONGO_URL: blogEnvSchema.shape.MONGO_URL }));
  const logger = createLogger({ name: 'blog-seed' });
  const connection = await connectMongo({ url: env.MONGO_URL, defaultDbName: 'blog' });
  try {
    const repositories = createRepositories(connection);
    await ensureIndexes(repositories);
    const categoryIds = new Map<string, Types.ObjectId>();
    for (const category of categories) {
      const doc = await repositories.categories.upsertBySlug(category);
      categoryIds.set(category.slug, doc._id);
    }
    const now = Date.now();
    for (const [i, post] of posts.entries()) {
      const at = new Date(now - (posts.length - i) * 86_400_000);
      const doc = await repositories.posts.upsertBySlug({
        slug: post.slug,
        title: post.title,
        titleKey: post.title.toLowerCase(),
        body: post.body,
        excerpt: post.body.slice(0, 120),
        category: categoryIds.get(post.category) ?? null,
        tags: post.tags,
        authorId: DEMO_AUTHOR.id,
        authorEmail: DEMO_AUTHOR.email,
        status: post.status,
        submittedAt: post.status === 'draft' ? null : at,
        publishedAt: post.status === 'published' ? at : null,
        rejectionReason: post.status === 'rejected' ? 'Please expand the second half.' : null,
        reviewedBy: post.status === 'published' || post.status === 'rejected' ? DEMO_ADMIN : null,
      });
      if (post.status === 'published' && (await repositories.comments.countOnPost(doc._id)) === 0) {
        await repositories.comments.insertMany([
          { post: doc._id, authorId: DEMO_READER, body: 'Thanks, this helped!' },
          { post: doc._id, authorId: DEMO_READER, body: 'Could you add an example?' },
        ]);
        await repositories.posts.setCommentCount(doc._id, 2);
      }
    }
    logger.info({ categories: categories.length, posts: posts.length }, 'seeded the blog');
  } finally {
    await connection.close();
  }
});
