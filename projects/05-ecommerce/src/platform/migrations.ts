/**
 * Forward-only SQL migrations: `migrations/common/*.sql` (the outbox and inbox every service has) and
 * then `migrations/<schema>/NNN_name.sql`, applied in name order by Kysely's
 * Migrator, which records them in `<schema>.kysely_migration` and holds an advisory lock so two
 * processes starting together do not both migrate. There are no down migrations: a mistake is fixed
 * by the next file.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** The package's migrations folder; the same from `src/platform` and from `dist/platform`. */
export const MIGRATIONS_ROOT = path.resolve(__dirname, '../../migrations');

class SqlFileMigrationProvider implements MigrationProvider {
  constructor(private readonly folders: string[]) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const folder of this.folders) {
      for (const file of (await readdir(folder)).filter((name) => name.endsWith('.sql')).sort()) {
        const text = await readFile(path.join(folder, file), 'utf8');
        // Without parameters, pg sends the file as one simple query, so it may hold several statements.
        migrations[file.replace(/\.sql$/, '')] = {
          up: (db) =>
            sql
              .raw(text)
              .execute(db)
              .then(() => undefined),
        };
      }
    }
    return migrations;
  }
}

export interface MigrationOutcome {
  schema: string;
  applied: string[];
}

/** Creates the schema if needed and applies every migration not applied yet. */
export async function migrateSchema<DB>(db: Kysely<DB>, schema: string): Promise<MigrationOutcome> {
  await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  const migrator = new Migrator({
    db,
    provider: new SqlFileMigrationProvider([path.join(MIGRATIONS_ROOT, 'common'), path.join(MIGRATIONS_ROOT, schema)]),
    migrationTableSchema: schema,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((result) => result.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} of schema ${schema} failed`, { cause: error });
  }
  return { schema, applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
