/**
 * One account everywhere: a user registered through the blog's RealWorld mount logs in on the auth
 * service itself, and that access token works on movie booking (a separate process trusting the auth
 * service's JWKS), as it does on the blog. No second user store, no second token format.
 */
import { startProjectServer, testServices } from '@roadmap/testing';
import request from 'supertest';
import { registerUser, RW, useRealWorldHarness } from './realworld-harness.js';

const h = useRealWorldHarness('blog-rw-e2e');

async function startMovieBooking(): Promise<string> {
  const [database, redis, sink] = await Promise.all([h.ctx.mongo(), h.ctx.redis(), h.ctx.smtp()]);
  const dbName = `${database.dbName}-mb`;
  h.ctx.onCleanup(() => database.connection.useDb(dbName).dropDatabase());
  const server = await startProjectServer(h.ctx, '02-movie-booking', {
    MONGO_URL: `${testServices.mongoUrl}/${dbName}`,
    REDIS_URL: testServices.redisUrl,
    REDIS_PREFIX: `${redis.prefix}mb:`,
    SMTP_URL: `smtp://${sink.host}:${sink.port}`,
    AUTH_JWKS_URL: h.auth.jwksUri,
    AUTH_ISSUER: h.auth.issuer,
    AUTH_AUDIENCE: h.auth.audience,
  });
  return `http://127.0.0.1:${server.port}`;
}

describe('a RealWorld account across the projects', () => {
  it('logs in on the auth service and its token works on movie booking and on the blog', async () => {
    const movieBooking = await startMovieBooking();
    const user = await registerUser(h.app, 'everywhere');

    const login = await request(h.auth.url)
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: user.password });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email: user.email, username: user.username });
    const token = login.body.accessToken as string;

    const bookings = await request(movieBooking).get('/api/v1/bookings').set('Authorization', `Bearer ${token}`);
    const anonymous = await request(movieBooking).get('/api/v1/bookings');
    const blog = await request(h.app).get('/api/v1/posts/mine').set('Authorization', `Bearer ${token}`);
    const realWorld = await request(h.app).get(`${RW}/user`).set('Authorization', `Token ${token}`);

    expect(bookings.status).toBe(200);
    expect(bookings.body.data).toEqual([]);
    expect(anonymous.status).toBe(401);
    expect(blog.status).toBe(200);
    expect(realWorld.body.user).toMatchObject({ username: user.username, token });
  });
});
