/**
 * The blog under chaos: readers list and read posts and comments and write comments (each owing
 * the post's author an email) while Redis, the mail server and MongoDB are cut in turn (see
 * @roadmap/testing's runChaos). Prints one table; exits 1 if a comment or an email was lost or
 * duplicated, or a request went unanswered.
 *
 *   pnpm --filter @roadmap/blog chaos        (about 6 minutes; CHAOS_SCALE=0.2 for a quick try)
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestIssuer, TEST_AUDIENCE, TEST_ISSUER } from '@roadmap/auth/testing';
import { messageIdFor } from '@roadmap/mail';
import { chaosMain } from '@roadmap/testing';
import type { Connection } from 'mongoose';
import { createRepositories, ensureIndexes } from '../src/app.js';
import { createCommentModel } from '../src/modules/comments/comment.model.js';
import { commentEmailKey } from '../src/modules/comments/index.js';
import { createPostModel } from '../src/modules/posts/post.model.js';

const AUTHOR_EMAIL = 'author@blog.chaos';
const issuer = createTestIssuer({ ttlSeconds: 3600 });
const readers = Array.from({ length: 20 }, (_, i) => ({
  Authorization: `Bearer ${issuer.tokenFor({ role: 'user', email: `reader${i}@blog.chaos` })}`,
}));
const postIds: string[] = [];
const acknowledged = new Set<string>();
const any = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

async function setup(connection: Connection): Promise<void> {
  await ensureIndexes(createRepositories(connection));
  const now = Date.now();
  const posts = await createPostModel(connection).insertMany(
    Array.from({ length: 20 }, (_, i) => ({
      title: `Chaos post ${i}`,
      titleKey: `chaos post ${i}`,
      slug: `chaos-post-${i}`,
      body: 'x'.repeat(1000),
      excerpt: 'x'.repeat(100),
      authorId: 'chaos-author',
      authorEmail: AUTHOR_EMAIL,
      status: 'published',
      publishedAt: new Date(now - i * 60_000),
    })),
  );
  postIds.push(...posts.map((post) => post._id.toString()));
}

chaosMain({
  name: 'blog',
  server: path.join(__dirname, '..', 'src', 'server.ts'),
  env: ({ mongoUrl, redisUrl, redisPrefix, smtpUrl }) => ({
    MONGO_URL: mongoUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: redisPrefix,
    SMTP_URL: smtpUrl,
    AUTH_PUBLIC_KEY: issuer.key.publicKeyPem,
    AUTH_ISSUER: TEST_ISSUER,
    AUTH_AUDIENCE: TEST_AUDIENCE,
    UPLOAD_DIR: path.join(tmpdir(), 'blog-chaos-uploads'),
  }),
  messageIdOf: (key) => messageIdFor(key, 'blog.local'),
  setup,
  operations: [
    {
      name: 'list posts',
      weight: 4,
      run: (c) => c.send({ method: 'GET', path: '/api/v1/posts?limit=10' }).then(() => undefined),
    },
    {
      name: 'read a post',
      weight: 3,
      run: (c) => c.send({ method: 'GET', path: `/api/v1/posts/${any(postIds)}` }).then(() => undefined),
    },
    {
      name: 'list comments',
      weight: 2,
      run: (c) =>
        c.send({ method: 'GET', path: `/api/v1/posts/${any(postIds)}/comments?limit=20` }).then(() => undefined),
    },
    {
      name: 'comment',
      weight: 3,
      async run(c) {
        const answer = await c.send({
          method: 'POST',
          path: `/api/v1/posts/${any(postIds)}/comments`,
          headers: any(readers),
          body: { body: `A comment under chaos at ${new Date().toISOString()}` },
        });
        const id = (answer.body as { id?: string } | undefined)?.id;
        if (answer.status === 201 && id) acknowledged.add(id);
      },
    },
  ],
  async audit(connection) {
    const stored = await createCommentModel(connection).find({}, { _id: 1 }).lean();
    const storedIds = new Set(stored.map((comment) => comment._id.toString()));
    return {
      writes: [
        {
          label: 'comments',
          acknowledged: acknowledged.size,
          stored: storedIds.size,
          lost: [...acknowledged].filter((id) => !storedIds.has(id)).length,
          storedButRefused: [...storedIds].filter((id) => !acknowledged.has(id)).length,
        },
      ],
      owedMailKeys: [...storedIds].map((id) => commentEmailKey(id, AUTHOR_EMAIL)),
    };
  },
});
