import http from 'node:http';
import net from 'node:net';
import {
  ForbiddenError,
  NotFoundError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
} from '@roadmap/core';
import { AuthServiceClient } from './auth-service.client.js';

/** A stand-in auth service answering every request with `status` and `body`, recording requests. */
async function fakeAuth(status: number, body: unknown) {
  const seen: { method: string; url: string; headers: http.IncomingHttpHeaders }[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    // What an answer maps to has nothing to do with time: no deadline a loaded machine could miss
    // (a 1 s one turned 401s into 503s when the test file took 94 s under load).
    client: new AuthServiceClient({ baseUrl: `http://127.0.0.1:${port}/`, timeoutMs: 20_000 }),
    seen,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('AuthServiceClient', () => {
  it('answers 503 when nothing listens at the URL', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const client = new AuthServiceClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 500 });

    await expect(client.login({ email: 'a@b.test', password: 'x' })).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it.each([
    [401, {}, UnauthorizedError],
    [403, {}, ForbiddenError],
    [404, {}, NotFoundError],
    [429, { retryAfter: 5 }, TooManyRequestsError],
    [500, {}, ServiceUnavailableError],
  ])('turns a %i answer into the matching error', async (status, body, type) => {
    const fake = await fakeAuth(status, { detail: 'no', ...body });
    try {
      await expect(fake.client.me('token')).rejects.toBeInstanceOf(type);
    } finally {
      await fake.close();
    }
  });

  it('turns field errors and conflicts into validation errors named by field', async () => {
    const invalid = await fakeAuth(400, { errors: [{ field: 'body.password', message: 'too short' }] });
    const conflict = await fakeAuth(409, { fields: ['email'] });
    try {
      const a = await invalid.client.register({ email: 'a@b.test', password: 'x', username: 'a' }).catch((e) => e);
      const b = await conflict.client.register({ email: 'a@b.test', password: 'x', username: 'a' }).catch((e) => e);
      expect(a).toBeInstanceOf(ValidationError);
      expect((a as ValidationError).errors).toEqual([{ field: 'password', message: 'too short' }]);
      expect((b as ValidationError).errors).toEqual([{ field: 'email', message: 'has already been taken' }]);
    } finally {
      await invalid.close();
      await conflict.close();
    }
  });

  it('sends the caller token as Bearer and the client address as X-Forwarded-For', async () => {
    const fake = await fakeAuth(200, {
      accessToken: 't',
      user: { id: 'u1', email: 'a@b.test', username: 'a', bio: null, image: null },
    });
    try {
      await fake.client.login({ email: 'a@b.test', password: 'x' }, { forwardedFor: '203.0.113.9' });
      await fake.client.updateMe('tok', { bio: 'hi' }).catch(() => undefined);
      expect(fake.seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/auth/login' });
      expect(fake.seen[0]?.headers['x-forwarded-for']).toBe('203.0.113.9');
      expect(fake.seen[1]).toMatchObject({ method: 'PATCH', url: '/api/v1/auth/me' });
      expect(fake.seen[1]?.headers.authorization).toBe('Bearer tok');
    } finally {
      await fake.close();
    }
  });

  it('answers null for an unknown username, and asks for profiles in batches of 100 ids', async () => {
    const missing = await fakeAuth(404, { detail: 'none' });
    const many = await fakeAuth(200, { profiles: [] });
    try {
      expect(await missing.client.profileByUsername('nobody')).toBeNull();
      const ids = Array.from({ length: 150 }, (_, i) => i.toString(16).padStart(24, '0'));
      expect(await many.client.profilesByIds([...ids, 'not-an-id'])).toEqual([]);
      expect(many.seen).toHaveLength(2);
      expect(await many.client.profilesByIds([])).toEqual([]);
    } finally {
      await missing.close();
      await many.close();
    }
  });
});
