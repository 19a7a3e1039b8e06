/**
 * Idempotent demo accounts: admin@example.com / Admin-password-1 (admin) and
 * demo@example.com / Demo-password-1 (user). Re-running resets their password, role and lockout.
 */
import { DEMO_ACCOUNTS, PasswordHasher } from '@roadmap/auth';
import { createLogger, startOrExit } from '@roadmap/core';
import { connectMongo } from '@roadmap/core/mongo';
import { createRepositories, ensureIndexes } from './app.js';
import { DEFAULT_DB_NAME, loadAuthConfig } from './config.js';

const SEED_USERS = DEMO_ACCOUNTS;

startOrExit(async () => {
  const config = loadAuthConfig();
  const logger = createLogger({ name: 'auth-seed', level: config.LOG_LEVEL });
  const connection = await connectMongo({ url: config.MONGO_URL, defaultDbName: DEFAULT_DB_NAME });
  try {
    const repositories = createRepositories(connection);
    await ensureIndexes(repositories);
    const hasher = new PasswordHasher(config.BCRYPT_COST);
    for (const seed of SEED_USERS) {
      await repositories.users.upsertSeeded({
        email: seed.email,
        name: seed.name,
        username: seed.username,
        role: seed.role,
        passwordHash: await hasher.hash(seed.password),
      });
      logger.info({ email: seed.email, role: seed.role }, 'seeded user');
    }
    // Demo credentials only (also in the README); real passwords never reach a log or the terminal.
    process.stdout.write(SEED_USERS.map((u) => `${u.role.padEnd(5)}  ${u.email}  ${u.password}\n`).join(''));
  } finally {
    await connection.close();
  }
});
