/**
 * The auth service under chaos: people register (each owing a verification email), log in, refresh
 * and ask for password resets (each owing a reset email), from many addresses, while Redis, the
 * mail server and MongoDB are cut in turn (see @roadmap/testing's runChaos). Without Redis the rate
 * limits and lockout counters cannot be read, so logins are refused with a prompt 503 rather than
 * let through unguarded. Prints one table; exits 1 if an account or an email was lost or duplicated,
 * or a request went unanswered.
 *
 *   pnpm --filter @roadmap/auth-service chaos      (about 6 minutes; CHAOS_SCALE=0.2 for a quick try)
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { PasswordHasher } from '@roadmap/auth';
import { messageIdFor } from '@roadmap/mail';
import { chaosMain, type ChaosClient } from '@roadmap/testing';
import type { Connection } from 'mongoose';
import { createRepositories, ensureIndexes } from '../src/app.js';
import { createEmailTokenModel } from '../src/modules/auth/email-token.model.js';
import { createUserModel } from '../src/modules/users/user.model.js';

const PASSWORD = 'chaos-password-1';
const existing = Array.from({ length: 20 }, (_, i) => `member${i}@auth.chaos`);
const registered = new Set<string>();
let resetsAccepted = 0;
const any = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
/** A different client address per request, so the per-address rate limits stay out of the way. */
const from = () => ({
  'x-forwarded-for': `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.1`,
});

async function setup(connection: Connection): Promise<void> {
  const repositories = createRepositories(connection);
  await ensureIndexes(repositories);
  const passwordHash = await new PasswordHasher(4).hash(PASSWORD);
  for (const email of existing) await repositories.users.create({ email, name: 'Member', passwordHash });
}

async function register(client: ChaosClient): Promise<void> {
  const email = `new-${randomUUID()}@auth.chaos`;
  const answer = await client.send({
    method: 'POST',
    path: '/api/v1/auth/register',
    headers: from(),
    body: { email, password: PASSWORD, name: 'Newcomer' },
  });
  if (answer.status === 201) registered.add(email);
}

async function session(client: ChaosClient): Promise<void> {
  const login = await client.send({
    method: 'POST',
    path: '/api/v1/auth/login',
    headers: from(),
    body: { email: any(existing), password: PASSWORD },
  });
  const tokens = login.body as { accessToken?: string; refreshToken?: string } | undefined;
  if (login.status !== 200 || !tokens?.refreshToken) return;
  await client.send({
    method: 'GET',
    path: '/api/v1/auth/me',
    headers: { authorization: `Bearer ${tokens.accessToken}` },
  });
  await client.send({
    method: 'POST',
    path: '/api/v1/auth/refresh',
    headers: from(),
    body: { refreshToken: tokens.refreshToken },
  });
}

async function forgot(client: ChaosClient): Promise<void> {
  const answer = await client.send({
    method: 'POST',
    path: '/api/v1/auth/forgot-password',
    headers: from(),
    body: { email: any(existing) },
  });
  if (answer.status === 202) resetsAccepted += 1;
}

chaosMain({
  name: 'auth service',
  server: path.join(__dirname, '..', 'src', 'server.ts'),
  env: ({ mongoUrl, redisUrl, redisPrefix, smtpUrl }) => ({
    MONGO_URL: mongoUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `${redisPrefix}:`,
    SMTP_URL: smtpUrl,
    BCRYPT_COST: '4',
    TRUST_PROXY: '1',
    CLEANUP_INTERVAL_SECONDS: '0',
  }),
  messageIdOf: (key) => messageIdFor(key, 'example.com'),
  setup,
  operations: [
    { name: 'register', weight: 2, run: register },
    { name: 'log in, read me, refresh', weight: 4, run: session },
    { name: 'forgot password', weight: 1, run: forgot },
  ],
  async audit(connection) {
    const users = await createUserModel(connection)
      .find({ email: { $regex: /^new-/ } }, { email: 1 })
      .lean();
    const stored = new Set(users.map((user) => user.email));
    const tokens = await createEmailTokenModel(connection).find({}, { purpose: 1 }).lean();
    const resets = tokens.filter((token) => token.purpose === 'reset-password').length;
    return {
      writes: [
        {
          label: 'accounts registered',
          acknowledged: registered.size,
          stored: stored.size,
          lost: [...registered].filter((email) => !stored.has(email)).length,
          storedButRefused: [...stored].filter((email) => !registered.has(email)).length,
        },
        {
          label: 'reset links (forgot-password accepted)',
          acknowledged: resetsAccepted,
          stored: resets,
          lost: Math.max(0, resetsAccepted - resets),
          storedButRefused: Math.max(0, resets - resetsAccepted),
        },
      ],
      owedMailKeys: tokens.map((token) => `${token.purpose}:${token._id.toString()}`),
    };
  },
});
