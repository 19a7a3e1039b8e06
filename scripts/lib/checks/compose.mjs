// docker-compose.yml and the VM layer, as compose-go loads them (COMPOSE_CHECK), against the manifest.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ROOT, USES } from '../apps.mjs';

function loadCompose(files, envFile, expect) {
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

export function checkCompose({ apps, publicApps, expect, read }) {
  const base = loadCompose(['docker-compose.yml'], undefined, expect);
  const vm = loadCompose(['docker-compose.yml', 'deploy/vm/compose.vm.yml'], 'deploy/vm/vm.env.example', expect);
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
    for (const secret of app.secrets) {
      expect(
        (production[secret] ?? '') !== '',
        'deploy/vm/compose.vm.yml',
        `${app.name}: ${secret}: \${${secret}:?...} from .env (production refuses its development value)`,
      );
    }
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
