/** Each test file's Redis prefix and PostgreSQL schema are its own and vanish on cleanup. */
import { createTestSchema } from '../src/postgres.js';
import { createTestRedis } from '../src/redis.js';
import { waitFor } from '../src/wait.js';

describe('createTestRedis', () => {
  it('gives each caller its own prefix and deletes only its keys on cleanup', async () => {
    const a = await createTestRedis('isolation');
    const b = await createTestRedis('isolation');
    await a.redis.set(`${a.prefix}k`, '1');
    await b.redis.set(`${b.prefix}k`, '2');

    await a.cleanup();

    expect(a.prefix).not.toBe(b.prefix);
    expect(await b.redis.get(`${a.prefix}k`)).toBeNull();
    expect(await b.redis.get(`${b.prefix}k`)).toBe('2');
    await b.cleanup();
  });
});

describe('createTestSchema', () => {
  it('points unqualified tables at a schema of its own, dropped on cleanup', async () => {
    const test = await createTestSchema('isolation');
    await test.pool.query('CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL)');
    await test.pool.query("INSERT INTO items (name) VALUES ('a')");

    const { rows } = await test.pool.query<{ table_schema: string }>(
      "SELECT table_schema FROM information_schema.tables WHERE table_name = 'items'",
    );
    await test.cleanup();

    expect(rows.map((r) => r.table_schema)).toContain(test.schema);
  });
});

describe('waitFor', () => {
  it('returns the first truthy value the probe gives', async () => {
    let calls = 0;

    const value = await waitFor(() => (++calls >= 3 ? 'ready' : undefined), { intervalMs: 1 });

    expect(value).toBe('ready');
  });

  it('fails after the deadline naming what it waited for and the last error', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('still down');
        },
        { timeoutMs: 30, intervalMs: 5, description: 'the broker' },
      ),
    ).rejects.toThrow(/waiting for the broker: still down/);
  });
});
