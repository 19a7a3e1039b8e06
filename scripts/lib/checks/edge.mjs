// The edge proxy's Caddyfile and the landing page list every public app under its path.

export function checkCaddyfile({ publicApps, expect, read }) {
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

export function checkLandingPage({ publicApps, expect, read }) {
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
