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
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadApps, ROOT } from './lib/apps.mjs';
import { checkCompose } from './lib/checks/compose.mjs';
import { checkDependabot } from './lib/checks/dependabot.mjs';
import { checkDockerfile } from './lib/checks/dockerfile.mjs';
import { checkCaddyfile, checkLandingPage } from './lib/checks/edge.mjs';
import { checkRailway, checkRender } from './lib/checks/platforms.mjs';
import { checkEnvExamples, checkWorkspacePackages } from './lib/checks/workspace.mjs';

const problems = [];
let checks = 0;
function expect(ok, where, message) {
  checks += 1;
  if (!ok) problems.push(`${where}: ${message}`);
}
const read = (file) => readFileSync(join(ROOT, file), 'utf8');
const apps = loadApps();
const context = {
  apps,
  publicApps: apps.filter((app) => app.path !== null),
  // One entry per package: several apps may share one (processes of the same project).
  packages: [...new Map(apps.map((app) => [app.package, app])).values()],
  expect,
  read,
  readJson: (file) => JSON.parse(read(file)),
};

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
  await step(context);
  process.stdout.write(`${problems.length === before ? 'ok  ' : 'FAIL'} ${label} (${checks - checksBefore} checks)\n`);
}
for (const problem of problems) process.stdout.write(`  - ${problem}\n`);
process.stdout.write(`check-deploy: ${apps.length} apps, ${checks} checks, ${problems.length} problems\n`);
process.exitCode = problems.length === 0 ? 0 : 1;
