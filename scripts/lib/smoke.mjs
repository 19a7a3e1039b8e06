// The HTTP half of scripts/smoke.sh, driven by deploy/apps.json:
//   node scripts/lib/smoke.mjs wait PID SECONDS   every app's /readyz and the edge answer, while PID lives
//   node scripts/lib/smoke.mjs check EDGE_URL     through the edge: the landing page, each public app's
//                                                  Swagger UI and /openapi.json under its prefix, and one
//                                                  real request per app (its manifest "smoke" entry)
import { loadApps } from './apps.mjs';

const apps = loadApps();
const print = (line) => process.stdout.write(`${line}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function answers(url) {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000), redirect: 'manual' });
    return response.status === 200;
  } catch {
    return false;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForReady(pid, seconds, edge) {
  const started = Date.now();
  const pending = new Map(apps.map((app) => [app.name, `http://127.0.0.1:${app.port}/readyz`]));
  pending.set('edge', `${edge}/`);
  while (pending.size > 0) {
    if (!alive(pid))
      throw new Error(`the start command (pid ${pid}) exited before ${[...pending.keys()].join(', ')} answered`);
    if (Date.now() - started > seconds * 1000) {
      throw new Error(
        `not ready within ${seconds} s: ${[...pending.entries()].map(([n, u]) => `${n} (${u})`).join(', ')}`,
      );
    }
    for (const [name, url] of pending) {
      if (await answers(url)) {
        print(`ready: ${name} after ${((Date.now() - started) / 1000).toFixed(1)} s (${url})`);
        pending.delete(name);
      }
    }
    await sleep(500);
  }
}

const failures = [];
function expect(ok, label, detail) {
  print(`${ok ? 'ok  ' : 'FAIL'} ${label}${ok ? '' : `: ${detail}`}`);
  if (!ok) failures.push(label);
}

async function get(url, init) {
  const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000), ...init });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

function nonEmpty(value) {
  return Array.isArray(value)
    ? value.length > 0
    : typeof value === 'string'
      ? value.length > 0
      : value !== null && value !== undefined;
}

async function checkThroughEdge(edge) {
  const landing = await get(`${edge}/`);
  const publicApps = apps.filter((app) => app.path !== null);
  expect(
    landing.status === 200 && publicApps.every((app) => landing.text.includes(`href="${app.path}/docs/"`)),
    "landing page links every public app's /docs/",
    `status ${landing.status}`,
  );
  for (const app of publicApps) {
    const base = `${edge}${app.path}`;
    const spec = await get(`${base}/openapi.json`);
    const document = spec.status === 200 ? JSON.parse(spec.text) : {};
    expect(
      document.servers?.[0]?.url === app.path && Object.keys(document.paths ?? {}).length > 0,
      `${app.name}: ${app.path}/openapi.json names ${app.path} as its server`,
      `status ${spec.status}, servers ${JSON.stringify(document.servers)}`,
    );
    const redirect = await get(`${base}/docs`);
    expect(
      redirect.status === 301 && redirect.headers.get('location') === 'docs/',
      `${app.name}: ${app.path}/docs redirects to the relative docs/`,
      `status ${redirect.status}, location ${redirect.headers.get('location')}`,
    );
    const page = await get(`${base}/docs/`);
    const init = await get(`${base}/docs/swagger-ui-init.js`);
    const bundle = await get(`${base}/docs/swagger-ui-bundle.js`);
    expect(
      page.status === 200 &&
        page.text.includes('./swagger-ui-init.js') &&
        init.text.includes(`"url": "${app.path}"`) &&
        bundle.status === 200,
      `${app.name}: Swagger UI at ${app.path}/docs/ loads its assets and calls the API under ${app.path}`,
      `page ${page.status}, init ${init.status}, bundle ${bundle.status}`,
    );
    const { smoke } = app;
    const answer = await get(`${base}${smoke.path}`, {
      method: smoke.method,
      headers: smoke.body ? { 'content-type': 'application/json' } : {},
      body: smoke.body ? JSON.stringify(smoke.body) : undefined,
    });
    let field;
    try {
      field = JSON.parse(answer.text)[smoke.field];
    } catch {
      field = undefined;
    }
    expect(
      answer.status === smoke.status && nonEmpty(field),
      `${app.name}: ${smoke.what} (${smoke.method} ${app.path}${smoke.path} -> ${smoke.status} with ${smoke.field})`,
      `status ${answer.status}: ${answer.text.slice(0, 300)}`,
    );
  }
}

const [mode, ...args] = process.argv.slice(2);
try {
  if (mode === 'wait') await waitForReady(Number(args[0]), Number(args[1]), args[2] ?? 'http://127.0.0.1:8080');
  else if (mode === 'check') await checkThroughEdge(args[0] ?? 'http://127.0.0.1:8080');
  else throw new Error('usage: node scripts/lib/smoke.mjs wait PID SECONDS [EDGE_URL] | check [EDGE_URL]');
  if (failures.length > 0) {
    print(`smoke: ${failures.length} check(s) failed`);
    process.exitCode = 1;
  }
} catch (err) {
  print(`smoke: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
