// render.yaml and deploy/railway/*.json: valid against the schemas kept in deploy/, and complete.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { RailwayConfig } from '../../../deploy/railway/railway.schema.mjs';
import { RenderBlueprint } from '../../../deploy/render.schema.mjs';
import { ROOT, USES } from '../apps.mjs';

export function checkRender({ apps, expect, read }) {
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
    for (const secret of app.secrets) {
      expect(
        vars.some((v) => v.key === secret && (v.generateValue === true || v.sync === false)),
        where,
        `${app.name}: ${secret} with generateValue: true or sync: false (never a value in the file)`,
      );
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

export function checkRailway({ apps, expect, readJson }) {
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
