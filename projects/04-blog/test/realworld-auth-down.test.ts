/**
 * The RealWorld mount when the auth service is gone or hangs: every call to it has a bounded wait,
 * and the answer is a 503 problem naming the auth service, never a hung request or a 500.
 */
import net from 'node:net';
import { expectProblem } from '@roadmap/testing';
import { Types } from 'mongoose';
import request from 'supertest';
import { REALWORLD_PATH as RW } from '../src/app.js';
import { makeUser } from './fixtures.js';
import { useBlogHarness } from './harness.js';

const TIMEOUT_MS = 300;
// A listener that accepts connections and never answers: a hung auth service.
const sockets = new Set<net.Socket>();
const hung = net.createServer((socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});
let hungPort = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
  hungPort = (hung.address() as net.AddressInfo).port;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => hung.close(resolve));
});

const h = useBlogHarness('blog-rw-auth-down', () => ({
  realWorld: { authUrl: `http://127.0.0.1:${hungPort}`, authTimeoutMs: TIMEOUT_MS, autoPublish: true },
}));

describe('RealWorld with the auth service hanging', () => {
  it('answers a login with 503 within the configured wait', async () => {
    const started = Date.now();

    const res = await request(h.app)
      .post(`${RW}/users/login`)
      .send({ user: { email: 'someone@realworld.test', password: 'Password-123' } });

    expectProblem(res, 503);
    expect(res.body.detail).toBe('The auth service is unavailable; try again shortly.');
    expect(res.headers['retry-after']).toBe('2');
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 1500);
  });

  it('answers the current user with 503, and leaves what needs no auth service working', async () => {
    const user = makeUser(h.issuer);

    const current = await request(h.app).get(`${RW}/user`).set('Authorization', `Token ${user.token}`);
    const tags = await request(h.app).get(`${RW}/tags`);

    expectProblem(current, 503);
    expect(tags.status).toBe(200);
  });

  it('answers an article write with 503 before storing it, so a retry writes it once', async () => {
    // A user id the auth service could know (an ObjectId), so the answer needs its profile.
    const id = new Types.ObjectId().toString();
    const user = { id, token: h.issuer.tokenFor({ id, role: 'user', email: 'down@realworld.test' }) };

    const res = await request(h.app)
      .post(`${RW}/articles`)
      .set('Authorization', `Token ${user.token}`)
      .send({ article: { title: 'Written while auth is down', description: 'd', body: 'b' } });

    expectProblem(res, 503);
    expect(await h.models.Post.countDocuments({ authorId: user.id })).toBe(0);
  });
});
