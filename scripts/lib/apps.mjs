// The app manifest (deploy/apps.json): every process this repository ships, read by the Dockerfile,
// scripts/start.sh, the smoke test and CI, and mirrored (and checked, by scripts/check-deploy.mjs) in
// docker-compose.yml, deploy/Caddyfile, the landing page, render.yaml and deploy/railway/.
//
//   node scripts/lib/apps.mjs list [FIELD...]    one line per app, fields tab-separated (default: name)
//   node scripts/lib/apps.mjs get APP FIELD      one field of one app (dir: the package's folder)
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Backing services an app can use; each implies environment variables and a compose dependency. */
export const USES = {
  mongo: { env: ['MONGO_URL'], service: 'mongo' },
  postgres: { env: ['DATABASE_URL'], service: 'postgres' },
  redis: { env: ['REDIS_URL'], service: 'redis' },
  rabbitmq: { env: ['AMQP_URL'], service: 'rabbitmq' },
  smtp: { env: ['SMTP_URL'], service: 'mailpit' },
  'auth-jwks': { env: ['AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE'], service: 'auth-service' },
  'signing-key': { env: ['JWT_PRIVATE_KEY_FILE', 'AUTH_ISSUER', 'AUTH_AUDIENCE'] },
  uploads: { env: ['UPLOAD_DIR'] },
};

const SmokeRequest = z.strictObject({
  what: z.string().min(3),
  method: z.enum(['GET', 'POST']),
  path: z.string().startsWith('/'),
  body: z.record(z.string(), z.unknown()).optional(),
  status: z.number().int().min(200).max(299),
  /** A top-level field of the JSON answer that must be present and non-empty. */
  field: z.string().min(1),
});

const App = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]+$/, 'lower-case letters, digits and dashes (it names images and services)'),
  package: z.string().startsWith('@roadmap/'),
  /** The process to run, relative to the package folder; the image runs it as `node .`. */
  entry: z.string().regex(/^dist\/.+\.js$/),
  port: z.number().int().min(1024).max(65535),
  /** Where the edge proxy serves the app (null: not public, e.g. a worker with only health routes). */
  path: z
    .string()
    .regex(/^\/[a-z0-9-]+$/)
    .nullable(),
  title: z.string().min(3),
  phase: z.string().min(3),
  summary: z.string().min(10),
  uses: z.array(z.enum(Object.keys(USES))),
  /** scripts/start.sh runs the package's idempotent `seed` script first. */
  seed: z.boolean(),
  /** One real request through the edge proxy (public apps only). */
  smoke: SmokeRequest.nullable(),
});

const Manifest = z.strictObject({ apps: z.array(App).min(1) }).superRefine(({ apps }, ctx) => {
  for (const key of ['name', 'port', 'path']) {
    const seen = new Set();
    for (const app of apps) {
      if (app[key] !== null && seen.has(app[key])) {
        ctx.addIssue({ code: 'custom', message: `two apps share ${key} ${app[key]}` });
      }
      seen.add(app[key]);
    }
  }
  for (const app of apps) {
    if ((app.path === null) !== (app.smoke === null)) {
      ctx.addIssue({ code: 'custom', message: `${app.name}: a public app (path) needs a smoke request, and only it` });
    }
  }
});

function packageDirs() {
  const dirs = new Map();
  for (const parent of ['projects', 'shared']) {
    for (const entry of readdirSync(join(ROOT, parent), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      try {
        const pkg = JSON.parse(readFileSync(join(ROOT, parent, entry.name, 'package.json'), 'utf8'));
        dirs.set(pkg.name, join(parent, entry.name));
      } catch {
        // a folder without a package.json is not a workspace package
      }
    }
  }
  return dirs;
}

/** The validated manifest, each app with `dir`, its package folder relative to the repository root. */
export function loadApps() {
  const file = join(ROOT, 'deploy', 'apps.json');
  const parsed = Manifest.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${relative(process.cwd(), file)} is invalid:\n${z.prettifyError(parsed.error)}`);
  }
  const dirs = packageDirs();
  return parsed.data.apps.map((app) => {
    const dir = dirs.get(app.package);
    if (!dir) throw new Error(`deploy/apps.json: ${app.name} names ${app.package}, which no workspace package is`);
    return { ...app, dir };
  });
}

function main([command, ...args]) {
  const apps = loadApps();
  // '-' stands for null, so tab-separated lines keep their columns in bash's read.
  const value = (app, field) =>
    app[field] === null ? '-' : typeof app[field] === 'object' ? JSON.stringify(app[field]) : String(app[field]);
  if (command === 'list') {
    const fields = args.length > 0 ? args : ['name'];
    for (const app of apps) process.stdout.write(`${fields.map((field) => value(app, field)).join('\t')}\n`);
    return 0;
  }
  if (command === 'get' && args.length === 2) {
    const app = apps.find((candidate) => candidate.name === args[0]);
    if (!app) {
      process.stderr.write(`unknown app ${args[0]}; deploy/apps.json lists: ${apps.map((a) => a.name).join(', ')}\n`);
      return 2;
    }
    process.stdout.write(`${value(app, args[1])}\n`);
    return 0;
  }
  process.stderr.write('usage: node scripts/lib/apps.mjs list [FIELD...] | get APP FIELD\n');
  return 2;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
