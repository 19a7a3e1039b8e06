// The HTTP half of scripts/smoke.sh, driven by deploy/apps.json:
//   node scripts/lib/smoke.mjs wait PID SECONDS   every app's /readyz and the edge answer, while PID lives
//   node scripts/lib/smoke.mjs check EDGE_URL     through the edge: the landing page, each public app's
//                                                  Swagger UI and /openapi.json under its prefix, one
//                                                  real request per app (its manifest "smoke" entry) and
//                                                  its Location followed; then the demo emails (a new
//                                                  account's verify link, the demo user's booking) in
//                                                  the mail catcher at MAIL_UI_URL [http://127.0.0.1:8025]
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
    const location = answer.headers.get('location');
    if (location) {
      const followed = await get(new URL(location, edge));
      expect(
        location.startsWith(`${app.path}/`) && followed.status === 200,
        `${app.name}: its Location ${location} is under ${app.path} and answers 200 through the edge`,
        `status ${followed.status}`,
      );
    }
  }
}

async function json(url, { token, body, method = body ? 'POST' : 'GET', headers = {} } = {}) {
  const response = await fetch(url, {
    method,
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
    headers: {
      ...headers,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = { text };
  }
  return { status: response.status, location: response.headers.get('location'), body: parsed };
}

/** The catcher's messages as { to, subject, text }: MailDev (services.sh) or Mailpit (docker compose). */
async function mailbox(ui) {
  const maildev = await fetch(`${ui}/api/email`, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
  if (maildev?.ok) {
    return (await maildev.json()).map((m) => ({ to: m.to.map((t) => t.address), subject: m.subject, text: m.text }));
  }
  const list = await (await fetch(`${ui}/api/v1/messages`, { signal: AbortSignal.timeout(5000) })).json();
  return Promise.all(
    list.messages.map(async (m) => ({
      to: m.To.map((t) => t.Address),
      subject: m.Subject,
      text: (await (await fetch(`${ui}/api/v1/message/${m.ID}`)).json()).Text,
    })),
  );
}

/** A new account through the edge, and the demo user's booking: both emails reach the catcher. */
async function checkDemoEmails(edge, ui) {
  const email = `smoke-${Date.now()}@example.com`;
  const registered = await json(`${edge}/auth/api/v1/auth/register`, {
    body: { email, password: 'Smoke-password-1', name: 'Smoke Test' },
  });
  expect(registered.status === 201, `auth-service: register ${email} through the edge`, registered.status);
  const login = await json(`${edge}/auth/api/v1/auth/login`, {
    body: { email: 'demo@example.com', password: 'Demo-password-1' },
  });
  const token = login.body?.accessToken;
  const shows = await json(`${edge}/movies/api/v1/shows?limit=1`);
  const showId = shows.body?.data?.[0]?.id;
  const seats = await json(`${edge}/movies/api/v1/shows/${showId}/seats`);
  const seat = seats.body?.rows?.flatMap((row) => row.seats).find((s) => s.state === 'available')?.id;
  const hold = await json(`${edge}/movies/api/v1/shows/${showId}/holds`, { token, body: { seats: [seat] } });
  const held = hold.location ? await json(new URL(hold.location, edge), { token }) : { status: 0 };
  expect(
    hold.status === 201 && hold.location?.startsWith('/movies/') && held.body?.status === 'held',
    `movie-booking: the demo user holds seat ${seat}; the hold's Location ${hold.location} reads it through the edge`,
    `hold ${hold.status} ${JSON.stringify(hold.body).slice(0, 200)}, followed ${held.status}`,
  );
  const confirmed = await json(`${edge}/movies/api/v1/holds/${hold.body?.id}/confirm`, {
    token,
    body: {},
    headers: { 'idempotency-key': `smoke-${Date.now()}` },
  });
  expect(confirmed.status === 200, 'movie-booking: the demo user confirms the hold', confirmed.status);

  const started = Date.now();
  let messages = [];
  const verify = () => messages.find((m) => m.to.includes(email) && /verify-email\?token=/.test(m.text ?? ''));
  const booking = () => messages.find((m) => m.to.includes('demo@example.com') && m.text?.includes(hold.body?.id));
  while (Date.now() - started < 60_000 && !(verify() && booking())) {
    await sleep(500);
    messages = await mailbox(ui).catch(() => []);
  }
  const link = /(https?:\/\/\S+verify-email\?token=\S+)/.exec(verify()?.text ?? '')?.[1];
  const page = link ? await get(link) : { status: 0 };
  expect(
    Boolean(link?.startsWith(`${edge}/auth/verify-email?token=`)) && page.status === 200,
    `mail: ${ui} lists the verification email of ${email}; its link opens its page through the edge`,
    `link ${link}, page ${page.status}, ${messages.length} messages`,
  );
  expect(
    booking() !== undefined,
    `mail: ${ui} lists the demo user's booking confirmation (seat ${seat})`,
    `${messages.length} messages: ${messages.map((m) => m.subject).join(', ')}`,
  );
}

const [mode, ...args] = process.argv.slice(2);
try {
  if (mode === 'wait') await waitForReady(Number(args[0]), Number(args[1]), args[2] ?? 'http://127.0.0.1:8080');
  else if (mode === 'check') {
    await checkThroughEdge(args[0] ?? 'http://127.0.0.1:8080');
    await checkDemoEmails(args[0] ?? 'http://127.0.0.1:8080', process.env.MAIL_UI_URL ?? 'http://127.0.0.1:8025');
  } else throw new Error('usage: node scripts/lib/smoke.mjs wait PID SECONDS [EDGE_URL] | check [EDGE_URL]');
  if (failures.length > 0) {
    print(`smoke: ${failures.length} check(s) failed`);
    process.exitCode = 1;
  }
} catch (err) {
  print(`smoke: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
