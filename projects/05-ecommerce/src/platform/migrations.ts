/**
 * Forward-only SQL migrations: `migrations/common/*.sql` (the outbox and inbox every service has),
 * `migrations/<schema>/NNN_name.sql`, and the SQL a shared package owns for a schema (the columns of
 * @roadmap/mail's `mail_outbox`), applied in name order by Kysely's Migrator, which records them in
 * `<schema>.kysely_migration` and holds an advisory lock so two processes starting together do not
 * both migrate. There are no down migrations: a mistake is fixed by the next one.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { MAIL_OUTBOX_SQL, MAIL_OUTBOX_UPGRADE_SQL } from '@roadmap/mail/postgres';
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** The package's migrations folder; the same from `src/platform` and from `dist/platform`. */
export const MIGRATIONS_ROOT = path.resolve(__dirname, '../../migrations');

/**
 * Migrations whose SQL a shared package keeps, by schema, named to sort among the files. `mail_outbox`
 * is @roadmap/mail's table, defined there only: its first migration creates it whole (a database
 * migrated before keeps the columns it had, and the second adds the rest).
 */
const SHARED_MIGRATIONS: Record<string, Record<string, string>> = {
  notifications: { '001_mail_outbox': MAIL_OUTBOX_SQL, '002_shared_mail_outbox_columns': MAIL_OUTBOX_UPGRADE_SQL },
};

/** A schema may have no migrations of its own (notifications: its one table is a shared package's). */
async function sqlFiles(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder)).filter((name) => name.endsWith('.sql')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

const runSql =
  (text: string): Migration['up'] =>
  // Without parameters, pg sends the text as one simple query, so it may hold several statements.
  (db) =>
    sql
      .raw(text)
      .execute(db)
      .then(() => undefined);

class SqlFileMigrationProvider implements MigrationProvider {
  constructor(
    private readonly folders: string[],
    private readonly shared: Record<string, string> = {},
  ) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const [name, text] of Object.entries(this.shared)) migrations[name] = { up: runSql(text) };
    for (const folder of this.folders) {
      for (const file of await sqlFiles(folder)) {
        migrations[file.replace(/\.sql$/, '')] = { up: runSql(await readFile(path.join(folder, file), 'utf8')) };
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
    provider: new SqlFileMigrationProvider(
      [path.join(MIGRATIONS_ROOT, 'common'), path.join(MIGRATIONS_ROOT, schema)],
      SHARED_MIGRATIONS[schema],
    ),
    migrationTableSchema: schema,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((result) => result.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} of schema ${schema} failed`, { cause: error });
  }
  return { schema, applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
