/**
 * One account everywhere: a user registered through the blog's RealWorld mount logs in on the auth
 * service itself, and that access token works on movie booking (a separate process trusting the auth
 * service's JWKS), as it does on the blog. No second user store, no second token format.
 */
import path from 'node:path';
import { startChildServer, testServices } from '@roadmap/testing';
import request from 'supertest';
import { AUTH_AUDIENCE, AUTH_ISSUER } from './auth-service.js';
import { registerUser, RW, useRealWorldHarness } from './realworld-harness.js';

const MOVIE_BOOKING_DIR = path.resolve(__dirname, '../../02-movie-booking');

const h = useRealWorldHarness('blog-rw-e2e');

async function startMovieBooking(): Promise<string> {
  const redisPrefix = `${h.ctx.name}-${Date.now()}-mb`;
  const dbName = `${redisPrefix.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const sink = await h.ctx.smtp();
  const server = await startChildServer(path.join(MOVIE_BOOKING_DIR, 'src/server.ts'), {
    cwd: MOVIE_BOOKING_DIR,
    env: {
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      MONGO_URL: `${testServices.mongoUrl}/${dbName}`,
      REDIS_URL: testServices.redisUrl,
      REDIS_PREFIX: redisPrefix,
      SMTP_URL: `smtp://${sink.host}:${sink.port}`,
      AUTH_JWKS_URL: `${h.auth.url}/.well-known/jwks.json`,
      AUTH_ISSUER,
      AUTH_AUDIENCE,
    },
  });
  h.ctx.onCleanup(async () => {
    server.child.kill('SIGTERM');
    const timer = setTimeout(() => server.kill(), 5000);
    await server.exited;
    clearTimeout(timer);
    await (await h.ctx.mongo()).connection.useDb(dbName).dropDatabase();
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
