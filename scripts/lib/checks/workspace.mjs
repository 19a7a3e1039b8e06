// The workspace packages ship what they should, and each app's .env.example matches its config.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../apps.mjs';

/**
 * Files an app reads at run time besides its compiled output (SQL migrations, a static web page):
 * named by extension, never TypeScript, and never from the source, test or bench folders.
 */
const RUNTIME_ASSET = /^(?!(src|test|bench|scripts)\/)[a-z0-9-]+\/\*\*\/\*\.(sql|html|css|js|svg)$/;

export function checkWorkspacePackages({ packages, expect, readJson }) {
  for (const entry of readdirSync(join(ROOT, 'shared'), { withFileTypes: true })) {
    if (!entry.isDirectory() || !existsSync(join(ROOT, 'shared', entry.name, 'package.json'))) continue;
    const file = `shared/${entry.name}/package.json`;
    const pkg = readJson(file);
    const root = pkg.exports?.['.'];
    expect(
      root?.['@roadmap/source'] === './src/index.ts' && root?.default === './dist/index.js',
      file,
      'exports["."] needs "@roadmap/source": "./src/index.ts" (tsx in dev and tests) and "default": "./dist/index.js"',
    );
    expect(
      Array.isArray(pkg.files) && pkg.files.every((pattern) => pattern.startsWith('dist/')),
      file,
      'files must list only dist/ patterns, so deploy folders carry no sources',
    );
  }
  for (const { package: name, dir } of packages) {
    const pkg = readJson(`${dir}/package.json`);
    expect(
      Array.isArray(pkg.files) &&
        pkg.files.every((pattern) => pattern.startsWith('dist/') || RUNTIME_ASSET.test(pattern)),
      `${dir}/package.json`,
      `${name}: files must list only dist/ patterns, or run-time assets by extension (e.g. migrations/**/*.sql)`,
    );
    for (const [script, command] of Object.entries(pkg.scripts ?? {})) {
      expect(
        !/\btsx\b/.test(command) || command.includes('--conditions=@roadmap/source'),
        `${dir}/package.json`,
        `script "${script}" runs tsx without --conditions=@roadmap/source, so it needs a build first`,
      );
    }
  }
}

export async function checkEnvExamples({ packages, expect, read }) {
  const pattern = /^#?\s*([A-Z][A-Z0-9_]*)=(.*)$/;
  for (const { dir } of packages) {
    const file = `${dir}/.env.example`;
    if (!existsSync(join(ROOT, file))) {
      expect(false, file, 'missing: list every variable src/config.ts reads, with its default');
      continue;
    }
    const config = await import(pathToFileURL(join(ROOT, dir, 'src', 'config.ts')).href);
    const schemas = Object.entries(config).filter(([name]) => name.endsWith('EnvSchema'));
    expect(schemas.length > 0, `${dir}/src/config.ts`, 'exports no *EnvSchema');
    const variables = new Set(schemas.flatMap(([, schema]) => Object.keys(schema.shape)));
    const examples = read(file)
      .split('\n')
      .map((line) => pattern.exec(line))
      .filter(Boolean);
    const listed = new Set(examples.map(([, key]) => key));
    for (const name of variables) expect(listed.has(name), file, `${name} is read by src/config.ts but not listed`);
    for (const name of listed)
      expect(variables.has(name), file, `${name} is listed but src/config.ts reads no such variable`);
    for (const [line, key, value] of examples) {
      const accepted = schemas.some(
        ([, schema]) => !(key in schema.shape) || schema.safeParse({ NODE_ENV: 'development', [key]: value }).success,
      );
      expect(accepted, file, `the schema rejects the example "${line.replace(/^#\s*/, '')}"`);
    }
  }
}
