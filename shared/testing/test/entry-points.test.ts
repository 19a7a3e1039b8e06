/**
 * No test helper ships from a production entry point, and the harness assumes no MongoDB: test
 * helpers live under `@roadmap/testing` and the `/testing` subpaths, which production code never
 * imports, and the harness loads mongoose only for a test that asks for a MongoDB database.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMongooseFile, modulesLoadedBy } from '../src/module-loads.js';

const root = path.join(__dirname, '../../..');
const postgresProject = path.join(root, 'projects/05-ecommerce');
const testOnlyFile = (file: string) =>
  /[\\/]shared[\\/][a-z-]+[\\/]src[\\/]testing[\\/]/.test(file) || /[\\/]shared[\\/]testing[\\/]/.test(file);

const PRODUCTION_ENTRY_POINTS = [
  '@roadmap/core',
  '@roadmap/core/mongo',
  '@roadmap/auth',
  '@roadmap/mail',
  '@roadmap/mail/mongo',
  '@roadmap/mail/postgres',
  '@roadmap/redis',
];

/** Every production source file of the projects and shared packages (no tests, no test-only paths). */
async function productionSources(): Promise<string[]> {
  const dirs = [
    ...(await readdir(path.join(root, 'projects'))).map((p) => path.join(root, 'projects', p, 'src')),
    ...(await readdir(path.join(root, 'shared')))
      .filter((p) => p !== 'testing')
      .map((p) => path.join(root, 'shared', p, 'src')),
  ];
  const files = await Promise.all(
    dirs.map(async (dir) =>
      (await readdir(dir, { recursive: true }).catch(() => [] as string[])).map((file) => path.join(dir, file)),
    ),
  );
  return files.flat().filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !testOnlyFile(file));
}

describe('test helpers', () => {
  it.each(PRODUCTION_ENTRY_POINTS)('%s loads no test-only file', async (specifier) => {
    const loaded = await modulesLoadedBy(specifier, postgresProject);

    expect(loaded.some((file) => file.endsWith('.ts'))).toBe(true);
    expect(loaded.filter(testOnlyFile)).toEqual([]);
  });

  it('are imported by no production source file', async () => {
    const sources = await productionSources();
    const importing: string[] = [];
    for (const file of sources) {
      const text = await readFile(file, 'utf8');
      if (/from '@roadmap\/(testing|[a-z-]+\/testing)(\/[a-z-]+)?'/.test(text))
        importing.push(path.relative(root, file));
    }

    expect(sources.length).toBeGreaterThan(100);
    expect(importing).toEqual([]);
  });
});

describe('the @roadmap/testing barrel', () => {
  it('loads no mongoose, so a PostgreSQL project pays for it only in a test that asks for MongoDB', async () => {
    const loaded = await modulesLoadedBy('@roadmap/testing', postgresProject);

    expect(loaded.some(testOnlyFile)).toBe(true);
    expect(loaded.filter(isMongooseFile)).toEqual([]);
  });
});
