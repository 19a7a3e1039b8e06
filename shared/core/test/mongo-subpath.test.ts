/**
 * `@roadmap/core` never loads mongoose; only `@roadmap/core/mongo` does. Each entry point is loaded
 * in a fresh Node process (Jest's registry would share modules between them), which reports every
 * module it required. The PostgreSQL project (05) loads these barrels and must not pay for mongoose.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const packageDir = path.join(__dirname, '..');

/** The files a fresh process has required after `require(specifier)`. */
async function modulesLoadedBy(specifier: string): Promise<string[]> {
  const script = `require(${JSON.stringify(specifier)}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const { stdout } = await run(process.execPath, ['--conditions=@roadmap/source', '--import', 'tsx', '-e', script], {
    cwd: packageDir,
    timeout: 60_000,
  });
  return JSON.parse(stdout) as string[];
}

const isMongoose = (file: string) => /[\\/]node_modules[\\/](mongoose|mongodb)[\\/]/.test(file);

describe('the @roadmap/core entry points', () => {
  it.each(['@roadmap/core', '@roadmap/mail', '@roadmap/mail/postgres', '@roadmap/redis', '@roadmap/auth'])(
    '%s loads no mongoose and no MongoDB driver',
    async (specifier) => {
      const loaded = await modulesLoadedBy(specifier);

      expect(loaded.some((file) => file.includes(`${path.sep}src${path.sep}`))).toBe(true);
      expect(loaded.filter(isMongoose)).toEqual([]);
    },
  );

  it('@roadmap/core/mongo is where mongoose is loaded', async () => {
    const loaded = await modulesLoadedBy('@roadmap/core/mongo');

    expect(loaded.some(isMongoose)).toBe(true);
  });
});
