/**
 * The auth service behind the repository's Caddy edge (deploy/Caddyfile, as scripts/start.sh runs it,
 * PUBLIC_URL on the edge): the link in an account email leads, through the edge, to a page whose form
 * reaches the API beside it; the docs name /auth as their server.
 */
import { describeThroughEdge, freePort, listen, startEdge, uniqueEmail } from '@roadmap/testing';
import { useAuthHarness } from './harness.js';

// The edge's port is chosen before the harness builds the app, whose PUBLIC_URL names it.
let port = 0;
beforeAll(async () => {
  port = await freePort();
});
const h = useAuthHarness('auth_edge', {
  settings: {
    trustProxy: ['loopback'],
    get publicUrl() {
      return `http://localhost:${port}/auth`;
    },
  },
});
let origin = '';
beforeAll(async () => {
  const server = await listen(h.app);
  h.ctx.onCleanup(() => server.close());
  origin = (await startEdge(h.ctx, { 'auth-service': server.url }, port)) ?? '';
});

describeThroughEdge(__filename)('the auth service through the edge', () => {
  it('emails a verify link under /auth whose page, followed through the edge, confirms the address', async () => {
    const email = uniqueEmail();
    await fetch(`${origin}/auth/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct-horse-battery', name: 'Edge User' }),
    });
    const mail = await h.smtp.waitForMessage((m) => m.to.includes(email) && m.subject.includes('Confirm'));
    const link = new URL(/(http\S+verify-email\?token=\S+)/.exec(mail.text)?.[1] ?? '');

    const page = await fetch(link);
    const html = await page.text();
    const script = await fetch(new URL(/src="([^"]+)"/.exec(html)?.[1] ?? '', link));
    const endpoint = new URL(/data-endpoint="([^"]+)"/.exec(html)?.[1] ?? '', link);
    const verified = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: link.searchParams.get('token') }),
    });

    expect(`${link.origin}${link.pathname}`).toBe(`${origin}/auth/verify-email`);
    expect([page.status, script.status]).toEqual([200, 200]);
    expect(endpoint.pathname).toBe('/auth/api/v1/auth/verify-email');
    expect(verified.status).toBe(200);
    expect(((await verified.json()) as { user: { emailVerified: boolean } }).user.emailVerified).toBe(true);
  });

  it('names /auth as the OpenAPI server', async () => {
    const spec = await fetch(`${origin}/auth/openapi.json`);

    expect(((await spec.json()) as { servers: unknown }).servers).toEqual([{ url: '/auth' }]);
  });
});
