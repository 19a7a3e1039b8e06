// Checks that everything describing how the apps ship agrees with the app manifest
// (deploy/apps.json) and with the formats it must follow, without Docker or any platform:
//   - workspace packages resolve to sources under tsx and deploy only their dist/
//   - each package's .env.example lists exactly the variables its src/config.ts reads, with values
//     the schema accepts
//   - the Dockerfile (dockerfile-utils' validator, plus the rules every image must keep)
//   - docker-compose.yml and deploy/vm/compose.vm.yml, as loaded by compose-go (COMPOSE_CHECK)
//   - deploy/Caddyfile and the landing page: every public app, under its path
//   - render.yaml (deploy/render.schema.mjs) and deploy/railway/*.json (their schema)
//   - the VM's systemd unit, .dockerignore and .github/dependabot.yml
// Each failure names the file and what to change. Run by .ci/run:
//   COMPOSE_CHECK=path/to/compose-check pnpm exec tsx --conditions=@roadmap/source scripts/check-deploy.mjs
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { validate as validateDockerfile } from 'dockerfile-utils';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { RailwayConfig } from '../deploy/railway/railway.schema.mjs';
import { RenderBlueprint } from '../deploy/render.schema.mjs';
import { loadApps, ROOT, USES } from './lib/apps.mjs';

const problems = [];
let checks = 0;
function expect(ok, where, message) {
  checks += 1;
  if (!ok) problems.push(`${where}: ${message}`);
}
const read = (file) => readFileSync(join(ROOT, file), 'utf8');
const readJson = (file) => JSON.parse(read(file));

const apps = loadApps();
const publicApps = apps.filter((app) => app.path !== null);
const packages = [...new Map(apps.map((app) => [app.package, app])).values()];

function checkWorkspacePackages() {
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
      Array.isArray(pkg.files) && pkg.files.every((pattern) => pattern.startsWith('dist/')),
      `${dir}/package.json`,
      `${name}: files must list only dist/ patterns`,
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

async function checkEnvExamples() {
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

function checkDockerfile() {
  const text = read('Dockerfile');
  for (const diagnostic of validateDockerfile(text)) {
    expect(false, `Dockerfile:${diagnostic.range.start.line + 1}`, diagnostic.message);
  }
  const runtime = text.slice(text.lastIndexOf('\nFROM '));
  const rules = [
    [/^ARG APP$/m.test(text), 'takes the app as build argument APP'],
    [/scripts\/deploy-folder\.sh "\$APP" \/out/.test(text), 'builds the deploy folder with scripts/deploy-folder.sh'],
    [/^COPY --from=build \/out\/ \.\/$/m.test(runtime), 'the runtime stage copies only the deploy folder'],
    [!/^COPY (?!--from=)/m.test(runtime), 'the runtime stage copies nothing from the build context'],
    [/^USER node$/m.test(runtime), 'runs as the unprivileged node user'],
    [/^ENTRYPOINT \["\/usr\/bin\/tini", "--"\]$/m.test(runtime), 'runs under tini as PID 1'],
    [/^HEALTHCHECK [\s\S]*\/healthz/m.test(runtime), 'has a HEALTHCHECK on /healthz'],
    [
      /^CMD \["node", "--enable-source-maps", "\."\]$/m.test(runtime),
      'starts `node .` (the entry deploy-folder.sh set)',
    ],
    [!/^VOLUME /m.test(text), 'declares no VOLUME (Railway refuses it; compose and platforms mount volumes)'],
  ];
  for (const [ok, rule] of rules) expect(ok, 'Dockerfile', rule);
  const ignored = new Set(
    read('.dockerignore')
      .split('\n')
      .map((line) => line.trim()),
  );
  for (const pattern of ['**/node_modules', '**/dist', '.git', '.data', 'secrets', '**/.env', '**/.env.*']) {
    expect(ignored.has(pattern), '.dockerignore', `keep ${pattern} out of the build context`);
  }
}

function loadCompose(files, envFile) {
  const tool = process.env.COMPOSE_CHECK;
  if (!tool) throw new Error('COMPOSE_CHECK must name the compose-check binary (scripts/lib/compose-check)');
  const args = [...(envFile ? ['-env-file', envFile] : []), ...files];
  try {
    return JSON.parse(execFileSync(tool, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  } catch (err) {
    expect(false, files.join(' + '), `compose-go rejects it: ${err.stderr?.toString().trim() || err.message}`);
    return undefined;
  }
}

function checkCompose() {
  const base = loadCompose(['docker-compose.yml']);
  const vm = loadCompose(['docker-compose.yml', 'deploy/vm/compose.vm.yml'], 'deploy/vm/vm.env.example');
  if (!base || !vm) return;
  const where = 'docker-compose.yml';
  for (const [name, service] of Object.entries(base.services)) {
    const isApp = apps.some((app) => app.name === name);
    const isSeed = name.endsWith('-seed');
    if (!isSeed) expect(service.healthcheck !== undefined || isApp, where, `${name} has no healthcheck`);
    for (const volume of service.volumes ?? []) {
      if (volume.type === 'bind')
        expect(existsSync(volume.source), where, `${name} mounts ${volume.source}, which does not exist`);
    }
    for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
      const wanted = base.services[dependency]?.healthcheck || apps.some((app) => app.name === dependency);
      if (wanted && !isSeed)
        expect(condition === 'service_healthy', where, `${name} must wait for ${dependency} to be healthy`);
    }
  }
  for (const app of apps) {
    const service = base.services[app.name];
    if (!service) {
      expect(false, where, `no service ${app.name} (deploy/apps.json lists it)`);
      continue;
    }
    const env = service.environment ?? {};
    expect(service.profiles?.includes('apps'), where, `${app.name} belongs in profile apps`);
    expect(service.build?.args?.APP === app.name, where, `${app.name} must build with args { APP: ${app.name} }`);
    expect(
      service.image?.endsWith(`/${app.name}:local`),
      where,
      `${app.name}: image \${IMAGE_PREFIX}/${app.name}:\${IMAGE_TAG}`,
    );
    expect(env.PORT === String(app.port), where, `${app.name}: PORT must be ${app.port}`);
    expect(
      (service.ports ?? []).some((port) => String(port.published) === String(app.port) && port.host_ip === '127.0.0.1'),
      where,
      `${app.name}: publish 127.0.0.1:${app.port}:${app.port}`,
    );
    expect(service.read_only === true, where, `${app.name} must run with read_only: true`);
    for (const use of app.uses) {
      for (const variable of USES[use].env)
        expect(variable in env, where, `${app.name} uses ${use} but sets no ${variable}`);
      const dependency = USES[use].service;
      if (dependency) {
        expect(
          service.depends_on?.[dependency]?.condition === 'service_healthy',
          where,
          `${app.name} uses ${use}: depends_on ${dependency} with condition service_healthy`,
        );
      }
    }
    if (app.uses.includes('uploads') || app.uses.includes('signing-key')) {
      expect(
        (service.volumes ?? []).some((volume) => volume.type === 'volume' && volume.target === '/var/lib/roadmap'),
        where,
        `${app.name} writes files: mount a named volume at /var/lib/roadmap`,
      );
    }
    if (app.seed && apps.find((other) => other.package === app.package) === app) {
      const seed = base.services[`${app.name}-seed`];
      expect(
        seed?.image === service.image &&
          seed?.command?.join(' ') === 'node dist/seed.js' &&
          seed?.profiles?.includes('apps'),
        where,
        `${app.name} seeds: add ${app.name}-seed (same image, command node dist/seed.js, profile apps)`,
      );
      expect(
        vm.services[`${app.name}-seed`]?.profiles?.includes('apps') === false,
        'deploy/vm/compose.vm.yml',
        `${app.name}-seed must not run in production`,
      );
    }
    const production = vm.services[app.name]?.environment ?? {};
    expect(production.NODE_ENV === 'production', 'deploy/vm/compose.vm.yml', `${app.name}: NODE_ENV production`);
    if (app.uses.includes('mongo')) {
      expect(
        /^mongodb:\/\/roadmap:[^@]+@/.test(production.MONGO_URL ?? ''),
        'deploy/vm/compose.vm.yml',
        `${app.name}: MONGO_URL with the app user's password`,
      );
    }
  }
  const unit = read('deploy/vm/backend-roadmap.service');
  const unitWhere = 'deploy/vm/backend-roadmap.service';
  for (const section of ['[Unit]', '[Service]', '[Install]'])
    expect(unit.includes(`\n${section}\n`), unitWhere, `a ${section} section`);
  expect(
    /^Environment=COMPOSE_FILE=docker-compose\.yml:deploy\/vm\/compose\.vm\.yml$/m.test(unit),
    unitWhere,
    'COMPOSE_FILE must name the two files checked here: docker-compose.yml:deploy/vm/compose.vm.yml',
  );
  expect(/^Environment=COMPOSE_PROFILES=apps$/m.test(unit), unitWhere, 'COMPOSE_PROFILES=apps (the apps and the edge)');
  expect(
    /^ExecStart=\/usr\/bin\/docker compose up --detach --wait/m.test(unit),
    unitWhere,
    'ExecStart runs docker compose up --detach --wait',
  );
  expect(/^WantedBy=multi-user\.target$/m.test(unit), unitWhere, 'WantedBy=multi-user.target, to start at boot');
  const edge = base.services.edge;
  for (const app of publicApps) {
    expect(
      edge?.depends_on?.[app.name]?.condition === 'service_healthy',
      where,
      `edge must wait for ${app.name} to be healthy`,
    );
  }
}

function checkCaddyfile() {
  const text = read('deploy/Caddyfile');
  const imports = [...text.matchAll(/^\s*import app (\S+) \{\$([A-Z0-9_]+)_UPSTREAM:([a-z0-9-]+):(\d+)\}$/gm)];
  for (const app of publicApps) {
    const variable = app.name.toUpperCase().replaceAll('-', '_');
    expect(
      imports.some(
        ([, path, v, host, port]) =>
          path === app.path && v === variable && host === app.name && Number(port) === app.port,
      ),
      'deploy/Caddyfile',
      `add: import app ${app.path} {$${variable}_UPSTREAM:${app.name}:${app.port}}`,
    );
  }
  for (const [line, path] of imports) {
    expect(
      publicApps.some((app) => app.path === path),
      'deploy/Caddyfile',
      `"${line.trim()}" serves no app of deploy/apps.json`,
    );
  }
}

function checkLandingPage() {
  const html = read('deploy/landing/index.html');
  const normalise = (text) => text.replace(/\s+/g, ' ');
  const cards = new Map(
    [...html.matchAll(/<li id="([a-z0-9-]+)">([\s\S]*?)<\/li>/g)].map(([, id, body]) => [id, normalise(body)]),
  );
  for (const app of publicApps) {
    const card = cards.get(app.name);
    const where = 'deploy/landing/index.html';
    if (!card) {
      expect(false, where, `no <li id="${app.name}"> card`);
      continue;
    }
    expect(card.includes(`<h2>${app.title}</h2>`), where, `${app.name}: heading ${app.title}`);
    expect(card.includes(app.phase), where, `${app.name}: phase "${app.phase}"`);
    expect(card.includes(normalise(app.summary)), where, `${app.name}: the manifest's summary`);
    expect(card.includes(`href="${app.path}/docs/"`), where, `${app.name}: a link to ${app.path}/docs/`);
  }
  for (const id of cards.keys())
    expect(
      publicApps.some((app) => app.name === id),
      'deploy/landing/index.html',
      `card ${id} is no public app`,
    );
}

function checkRender() {
  const where = 'render.yaml';
  const parsed = RenderBlueprint.safeParse(parseYaml(read(where)));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) expect(false, where, `${issue.path.join('.')}: ${issue.message}`);
    return;
  }
  const { services, envVarGroups = [], databases = [] } = parsed.data;
  const groups = new Map(envVarGroups.map((group) => [group.name, group.envVars.map((variable) => variable.key)]));
  const keyValues = new Set(services.filter((s) => s.type === 'keyvalue').map((s) => s.name));
  for (const app of apps) {
    const service = services.find((candidate) => candidate.name === app.name);
    if (!service || service.type === 'keyvalue') {
      expect(false, where, `no service ${app.name}`);
      continue;
    }
    const vars = service.envVars ?? [];
    const keys = new Set(vars.flatMap((v) => (v.fromGroup ? (groups.get(v.fromGroup) ?? []) : [v.key])));
    expect(
      service.type === (app.path === null ? 'pserv' : 'web'),
      where,
      `${app.name}: type ${app.path === null ? 'pserv' : 'web'}`,
    );
    expect(
      service.dockerfilePath === './Dockerfile' && service.dockerContext === '.',
      where,
      `${app.name}: the one Dockerfile`,
    );
    expect(
      vars.some((v) => v.key === 'APP' && v.value === app.name),
      where,
      `${app.name}: env APP=${app.name} (the build argument)`,
    );
    expect(
      service.type !== 'web' || service.healthCheckPath === '/readyz',
      where,
      `${app.name}: healthCheckPath /readyz`,
    );
    expect(service.autoDeployTrigger === 'off', where, `${app.name}: autoDeployTrigger off (CI's deploy hook deploys)`);
    expect(keys.has('NODE_ENV') && keys.has('AUTH_ISSUER'), where, `${app.name}: fromGroup roadmap-shared`);
    for (const use of app.uses) {
      for (const variable of USES[use].env)
        expect(keys.has(variable), where, `${app.name} uses ${use} but gets no ${variable}`);
    }
    const redis = vars.find((v) => v.key === 'REDIS_URL');
    if (app.uses.includes('redis')) {
      expect(
        keyValues.has(redis?.fromService?.name),
        where,
        `${app.name}: REDIS_URL fromService keyvalue connectionString`,
      );
    }
    const database = vars.find((v) => v.key === 'DATABASE_URL');
    if (app.uses.includes('postgres')) {
      expect(
        databases.some((db) => db.name === database?.fromDatabase?.name),
        where,
        `${app.name}: DATABASE_URL fromDatabase connectionString`,
      );
    }
    if (app.uses.includes('signing-key')) {
      expect(
        vars.some((v) => v.key === 'JWT_PRIVATE_KEY_FILE' && v.value?.startsWith('/etc/secrets/')),
        where,
        `${app.name}: JWT_PRIVATE_KEY_FILE in /etc/secrets/ (a Render secret file)`,
      );
    }
  }
  for (const group of envVarGroups) {
    for (const variable of group.envVars) {
      if (variable.key === 'MONGO_URL')
        expect(variable.sync === false, where, `${group.name}: MONGO_URL is a secret (sync: false)`);
    }
  }
  expect(databases.length > 0, where, 'a Render Postgres database');
  expect(keyValues.size > 0, where, 'a Render Key Value instance');
}

function checkRailway() {
  const dir = 'deploy/railway';
  const files = readdirSync(join(ROOT, dir)).filter((file) => file.endsWith('.json'));
  for (const app of apps) {
    const file = `${dir}/${app.name}.json`;
    if (!files.includes(`${app.name}.json`)) {
      expect(false, file, 'missing');
      continue;
    }
    const parsed = RailwayConfig.safeParse(readJson(file));
    if (!parsed.success) {
      for (const issue of parsed.error.issues) expect(false, file, `${issue.path.join('.')}: ${issue.message}`);
      continue;
    }
    const { build, deploy } = parsed.data;
    expect(build.dockerfilePath === 'Dockerfile', file, 'dockerfilePath Dockerfile');
    for (const pattern of [`${app.dir}/**`, 'shared/**', 'Dockerfile', 'pnpm-lock.yaml']) {
      expect(build.watchPatterns.includes(pattern), file, `watchPatterns needs ${pattern}`);
    }
    expect(deploy.healthcheckPath === '/readyz', file, 'healthcheckPath /readyz');
  }
  for (const file of files) {
    expect(
      apps.some((app) => `${app.name}.json` === file),
      `${dir}/${file}`,
      'names no app of deploy/apps.json',
    );
  }
}

// Each ecosystem Dependabot watches, and the file that must exist in its directory.
const DEPENDABOT_MANIFESTS = {
  npm: 'package.json',
  'github-actions': '.github/workflows',
  docker: 'Dockerfile',
  'docker-compose': 'docker-compose.yml',
  gomod: 'go.mod',
};
const DependabotConfig = z.strictObject({
  version: z.literal(2),
  updates: z.array(
    z.strictObject({
      'package-ecosystem': z.enum(Object.keys(DEPENDABOT_MANIFESTS)),
      directory: z.string().startsWith('/'),
      schedule: z.strictObject({ interval: z.enum(['daily', 'weekly', 'monthly']) }),
      'open-pull-requests-limit': z.number().int().min(1).optional(),
      groups: z
        .record(
          z.string(),
          z.strictObject({
            patterns: z.array(z.string()).optional(),
            'update-types': z.array(z.enum(['major', 'minor', 'patch'])).optional(),
          }),
        )
        .optional(),
      ignore: z
        .array(
          z.strictObject({
            'dependency-name': z.string(),
            'update-types': z.array(z.string().regex(/^version-update:semver-(major|minor|patch)$/)),
          }),
        )
        .optional(),
    }),
  ),
});

function checkDependabot() {
  const where = '.github/dependabot.yml';
  const parsed = DependabotConfig.safeParse(parseYaml(read(where)));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) expect(false, where, `${issue.path.join('.')}: ${issue.message}`);
    return;
  }
  for (const update of parsed.data.updates) {
    const manifest = join(update.directory.slice(1), DEPENDABOT_MANIFESTS[update['package-ecosystem']]);
    expect(
      existsSync(join(ROOT, manifest)),
      where,
      `${update['package-ecosystem']} in ${update.directory}: no ${manifest}`,
    );
  }
  for (const ecosystem of ['npm', 'github-actions', 'docker']) {
    expect(
      parsed.data.updates.some((u) => u['package-ecosystem'] === ecosystem),
      where,
      `updates for ${ecosystem}`,
    );
  }
}

const steps = [
  ['workspace packages', checkWorkspacePackages],
  ['.env.example files', checkEnvExamples],
  ['Dockerfile', checkDockerfile],
  ['compose files', checkCompose],
  ['Caddyfile', checkCaddyfile],
  ['landing page', checkLandingPage],
  ['render.yaml', checkRender],
  ['Railway configs', checkRailway],
  ['Dependabot', checkDependabot],
];
for (const [label, step] of steps) {
  const before = problems.length;
  const checksBefore = checks;
  await step();
  process.stdout.write(`${problems.length === before ? 'ok  ' : 'FAIL'} ${label} (${checks - checksBefore} checks)\n`);
}
for (const problem of problems) process.stdout.write(`  - ${problem}\n`);
process.stdout.write(`check-deploy: ${apps.length} apps, ${checks} checks, ${problems.length} problems\n`);
process.exitCode = problems.length === 0 ? 0 : 1;
