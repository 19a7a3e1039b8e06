/**
 * A PostgreSQL schema of this test file's own: every pooled connection's search_path points at it,
 * so unqualified table names land there. Dropped with CASCADE on cleanup.
 */
import { Pool } from 'pg';
import { isolatedName } from './ids.js';
import { testServices } from './services.js';

export interface TestSchema {
  pool: Pool;
  schema: string;
  cleanup(): Promise<void>;
}

export async function createTestSchema(prefix: string, url = testServices.databaseUrl): Promise<TestSchema> {
  const schema = isolatedName(prefix);
  const admin = new Pool({ connectionString: url, max: 1 });
  try {
    await admin.query(`CREATE SCHEMA "${schema}"`);
  } finally {
    await admin.end();
  }
  const pool = new Pool({ connectionString: url, options: `-c search_path="${schema}"`, max: 5 });
  return {
    pool,
    schema,
    async cleanup() {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pool.end();
    },
  };
}
