/** `pnpm migrate`: creates the database if needed and applies every service's pending migrations. */
import { createLogger, startOrExit } from '@roadmap/core';
import { z } from 'zod';
import { createDatabase } from './platform/database.js';
import { migrateSchema } from './platform/migrations.js';
import { ensureDatabase } from './platform/runtime.js';
import { infrastructureEnvShape } from './platform/config.js';

const SERVICE_SCHEMAS = ['shop', 'payments', 'notifications'] as const;

startOrExit(async () => {
  const env = z.object({ DATABASE_URL: infrastructureEnvShape.DATABASE_URL }).parse(process.env);
  const logger = createLogger({ name: 'migrate' });
  await ensureDatabase(env.DATABASE_URL);
  for (const schema of SERVICE_SCHEMAS) {
    const database = createDatabase({ url: env.DATABASE_URL, schema, queryTimeoutMs: 0, logger });
    try {
      logger.info(await migrateSchema(database.db, schema), 'migrated');
    } finally {
      await database.close();
    }
  }
});
