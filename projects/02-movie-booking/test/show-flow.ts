/** The setup the show tests share: a 20-minute cleaning gap, and shortcuts to schedule shows as an admin. */
import request from 'supertest';
import { movieInput, theaterInput } from './factories.js';
import { MINUTE, useBookingHarness } from './harness.js';

export const CLEANING_GAP = 20;

export function useShowFlow(name: string) {
  const t = useBookingHarness(name, { rules: { cleaningGapMinutes: CLEANING_GAP } });
  const admin = () => `Bearer ${t.adminToken}`;
  return {
    t,
    admin,
    /** The moment `hours` after the test clock's now. */
    inHours: (hours: number) => t.clock.after(hours * 60 * MINUTE),
    /** A movie and a theater in Coimbra with one screen, by their ids. */
    async screenAndMovie(durationMinutes = 100) {
      const movie = await t.services.movies.create(movieInput({ durationMinutes }));
      const theater = await t.services.theaters.create(theaterInput({ city: 'Coimbra' }));
      return { movieId: movie.id, theaterId: theater.id, screenId: theater.screens[0]?.id ?? '' };
    },
    postShow: (body: object, auth = admin()) =>
      request(t.app).post('/api/v1/shows').set('Authorization', auth).send(body),
  };
}
