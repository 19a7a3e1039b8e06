/**
 * The Notes API behind the repository's Caddy edge (deploy/Caddyfile, as scripts/start.sh runs it):
 * every URL it gives out follows the edge's prefix, and following it through the edge gets there.
 */
import { describeThroughEdge, listen, startEdge, useHarness } from '@roadmap/testing';
import { createApp, createOpenApiDocument } from '../src/app.js';

const h = useHarness(
  'notes-edge',
  async (ctx) => {
    const app = ctx.conform(createApp({ logger: ctx.logger, trustProxy: ['loopback'] }));
    const server = await listen(app);
    ctx.onCleanup(() => server.close());
    const edge = await startEdge(ctx, { 'notes-api': server.url });
    return { app, edge: `${edge}/notes` };
  },
  { openApi: createOpenApiDocument() },
);

describeThroughEdge(__filename)('the Notes API through the edge', () => {
  it("answers a new note's Location under /notes, and the note is there", async () => {
    const created = await fetch(`${h.edge}/api/v1/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Through the edge' }),
    });
    const { id } = (await created.json()) as { id: string };
    const location = created.headers.get('location');

    const followed = await fetch(new URL(location ?? '', h.edge));

    expect([created.status, location]).toEqual([201, `/notes/api/v1/notes/${id}`]);
    expect(followed.status).toBe(200);
    expect(await followed.json()).toMatchObject({ id, title: 'Through the edge' });
  });

  it('names /notes as the OpenAPI server', async () => {
    const spec = await fetch(`${h.edge}/openapi.json`);

    expect(((await spec.json()) as { servers: unknown }).servers).toEqual([{ url: '/notes' }]);
  });
});
