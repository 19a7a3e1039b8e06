/**
 * A whole PostgreSQL database of this test file's own, for code that owns several schemas (each
 * service of the e-commerce project has its own). Dropped, with any open connections, on cleanup.
 */
import { Client } from 'pg';
import { isolatedName } from './ids.js';
import { testServices } from './services.js';

export interface TestPgDatabase {
  name: string;
  /** The connection URL of the new database. */
  url: string;
  cleanup(): Promise<void>;
}

async function withAdmin<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestPgDatabase(
  prefix: string,
  serverUrl = testServices.databaseUrl,
): Promise<TestPgDatabase> {
  const name = isolatedName(prefix);
  await withAdmin(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    cleanup: () =>
      withAdmin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}
