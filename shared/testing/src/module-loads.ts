/**
 * Which files a fresh Node process requires when it loads one entry point (Jest's own module registry
 * would share modules between checks). Workspace packages resolve to their TypeScript sources, run by
 * tsx; `cwd` is the package whose dependencies resolve the specifier.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function modulesLoadedBy(specifier: string, cwd: string): Promise<string[]> {
  const script = `require(${JSON.stringify(specifier)}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const { stdout } = await run(process.execPath, ['--conditions=@roadmap/source', '--import', 'tsx', '-e', script], {
    cwd,
    timeout: 60_000,
  });
  return JSON.parse(stdout) as string[];
}

/** A file of mongoose or of the MongoDB driver. */
export const isMongooseFile = (file: string): boolean => /[\\/]node_modules[\\/](mongoose|mongodb)[\\/]/.test(file);
