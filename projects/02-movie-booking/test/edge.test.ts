/**
 * Movie booking behind the repository's Caddy edge (deploy/Caddyfile, as scripts/start.sh runs it):
 * every Location it answers follows the edge's prefix, and following it through the edge gets there;
 * a hold's Location is the booking that holds the seats (a hold has no URL of its own).
 */
import { describeThroughEdge, listen, startEdge } from '@roadmap/testing';
import { DEFAULT_PRICES, movieInput, theaterInput } from './factories.js';
import { MINUTE, useBookingHarness } from './harness.js';

const t = useBookingHarness('movies_edge', { trustProxy: ['loopback'] });
let edge = '';
beforeAll(async () => {
  const server = await listen(t.app);
  t.ctx.onCleanup(() => server.close());
  edge = `${await startEdge(t.ctx, { 'movie-booking': server.url })}/movies`;
});

/** POST through the edge, then GET its Location through the edge. */
async function createAndFollow(path: string, token: string, body: object) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const created = await fetch(`${edge}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const answer = (await created.json()) as { id: string };
  const location = created.headers.get('location') ?? '';
  const followed = await fetch(new URL(location, edge), { headers });
  return {
    status: created.status,
    answer,
    location,
    followed: { status: followed.status, body: (await followed.json()) as { id: string } },
  };
}

describeThroughEdge(__filename)('movie booking through the edge', () => {
  it('answers Locations under /movies for a movie, a theater, a show and a hold, each readable there', async () => {
    const admin = t.adminToken;
    const user = t.userToken();

    const movie = await createAndFollow('/api/v1/movies', admin, movieInput({ durationMinutes: 90 }));
    const theater = await createAndFollow('/api/v1/theaters', admin, theaterInput());
    const screenId = (theater.answer as unknown as { screens: { id: string }[] }).screens[0]?.id;
    const startsAt = new Date(t.clock.now().getTime() + 48 * 60 * MINUTE).toISOString();
    const show = await createAndFollow('/api/v1/shows', admin, {
      movieId: movie.answer.id,
      theaterId: theater.answer.id,
      screenId,
      startsAt,
      prices: DEFAULT_PRICES,
    });
    const hold = await createAndFollow(`/api/v1/shows/${show.answer.id}/holds`, user, { seats: ['A2', 'A3'] });

    expect([movie, theater, show, hold].map(({ status, location }) => [status, location])).toEqual([
      [201, `/movies/api/v1/movies/${movie.answer.id}`],
      [201, `/movies/api/v1/theaters/${theater.answer.id}`],
      [201, `/movies/api/v1/shows/${show.answer.id}`],
      [201, `/movies/api/v1/bookings/${hold.answer.id}`],
    ]);
    expect([movie, theater, show, hold].map(({ followed }) => [followed.status, followed.body.id])).toEqual(
      [movie, theater, show, hold].map(({ answer }) => [200, answer.id]),
    );
    expect(hold.followed.body).toMatchObject({ status: 'held', seats: ['A2', 'A3'] });
  });
});
