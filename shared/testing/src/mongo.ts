/**
 * A MongoDB database of this test file's own on the real MongoDB-compatible server, dropped on
 * cleanup. Models are created on the returned connection, never on the global mongoose.
 */
import { connectMongo } from '@roadmap/core/mongo';
import mongoose, { type Connection } from 'mongoose';
import { isolatedName } from './ids.js';
import { testServices } from './services.js';

export interface TestDatabase {
  connection: Connection;
  dbName: string;
  /** Drops the database and closes the connection. */
  cleanup(): Promise<void>;
}

/** How long a test's own connection to the shared server waits to select it or connect (halved). */
export const TEST_MONGO_TIMEOUT_MS = 20_000;

export async function createTestDatabase(prefix: string, url = testServices.mongoUrl): Promise<TestDatabase> {
  const dbName = isolatedName(prefix);
  // The app's requests are bounded at about 2 s (MONGO_TIMEOUT_MS); a test's own connection to the
  // shared server waits longer, so a machine busy with three suites does not fail a file's set-up or
  // turn a slow answer into a 503. Tests of those bounds connect through a fault proxy with the app's.
  const connection = await connectMongo({ url, dbName, timeoutMs: TEST_MONGO_TIMEOUT_MS });
  return {
    connection,
    dbName,
    async cleanup() {
      await connection.dropDatabase();
      await connection.close();
    },
  };
}

/** The paths of a Mongoose document that fail its schema's validation, sorted (empty when valid). */
export async function invalidPaths(doc: { validate(): Promise<void> }): Promise<string[]> {
  try {
    await doc.validate();
    return [];
  } catch (err) {
    if (err instanceof mongoose.Error.ValidationError) return Object.keys(err.errors).sort();
    throw err;
  }
}
