/**
 * Load on loopback against the real MongoDB-compatible server and Redis: the public post list
 * (page of 20 of 200 published posts), one post by slug, and comment creation with the owed email recorded
 * while the SMTP server rejects every message (the request must not feel it).
 * Prints requests/s and p50/p99 latency as a table and as bench/results/blog-load.json. Asserts
 * nothing: figures depend on the machine.
 *
 *   pnpm --filter @roadmap/blog bench          (BENCH_SECONDS=5 BENCH_CONNECTIONS=20)
 */
import { createLogger } from '@roadmap/core';
import { listen, startHarness, testServices, writeBenchReport } from '@roadmap/testing';
import autocannon from 'autocannon';
import { buildBlog } from '../test/harness.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

async function main(): Promise<void> {
  // Failed-email warnings are expected here (the SMTP sink rejects everything): log errors only.
  const logger = createLogger({ name: 'bench', level: 'error' });
  // No OpenAPI document: the benchmark measures the app, not the conformance check.
  const stack = await startHarness('blog-bench', (ctx) =>
    buildBlog(ctx, { logger, mailRetry: { attempts: 2, baseDelayMs: 1000 } }),
  );
  const { models, issuer } = stack;
  stack.smtp.failNext(Number.MAX_SAFE_INTEGER);
  const server = await listen(stack.app);
  const { url } = server;
  try {
    const now = Date.now();
    await models.Post.insertMany(
      Array.from({ length: 200 }, (_, i) => ({
        title: `Bench post ${i}`,
        titleKey: `bench post ${i}`,
        slug: `bench-post-${i}`,
        body: 'x'.repeat(2000),
        excerpt: 'x'.repeat(150),
        tags: ['bench', `t${i % 5}`],
        authorId: 'bench-author',
        authorEmail: 'author@blog.test',
        status: 'published',
        publishedAt: new Date(now - i * 60_000),
      })),
    );
    const target = await models.Post.findOne({ slug: 'bench-post-7' }).lean();
    const token = issuer.tokenFor({ role: 'user', email: 'reader@blog.test' });

    const scenarios: [string, autocannon.Options][] = [
      ['GET /posts (20 of 200, -publishedAt)', { url: `${url}/api/v1/posts?limit=20` }],
      ['GET /posts?tag&q (regex title search)', { url: `${url}/api/v1/posts?tag=t3&q=post%201` }],
      ['GET /posts/by-slug/:slug', { url: `${url}/api/v1/posts/by-slug/bench-post-7` }],
      [
        'POST /posts/:id/comments (SMTP failing)',
        {
          url: `${url}/api/v1/posts/${String(target?._id)}/comments`,
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ body: 'A benchmark comment.' }),
        },
      ],
    ];
    const rows: (string | number)[][] = [];
    for (const [name, options] of scenarios) {
      const result = await autocannon({ connections, duration: seconds, pipelining: 1, ...options });
      rows.push([
        name,
        Math.round(result.requests.average),
        result.latency.p50,
        result.latency.p99,
        result.non2xx + result.errors,
      ]);
    }
    writeBenchReport(__dirname, {
      name: 'blog-load',
      title: 'Blog: post list, one post and comments under load (SMTP failing)',
      method:
        `autocannon, ${connections} connections, ${seconds} s each, loopback, FerretDB/MongoDB at ` +
        `${testServices.mongoUrl}; 200 published posts; the SMTP sink rejects every message, so each comment ` +
        `records an email owed that keeps failing (the request must not feel it). Log level error.`,
      tables: [{ columns: ['scenario', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx + errors'], rows }],
    });
  } finally {
    await server.close();
    await stack.cleanup();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${String(err)}\n`);
  process.exit(1);
});
