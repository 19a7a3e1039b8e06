/**
 * Another package's protected route trusts the running auth service: it verifies access tokens
 * through the service's JWKS over HTTP, and rejects a token signed by a foreign key.
 */
import { AuthVerifierEnvSchema, createVerifierFromEnv, currentUser, requireAuth } from '@roadmap/auth';
import { createTestIssuer } from '@roadmap/auth/testing';
import { createBaseApp, finishApp } from '@roadmap/core';
import { expectProblem, listen, testLogger, uniqueEmail, type ListeningApp } from '@roadmap/testing';
import type { Express } from 'express';
import request from 'supertest';
import { PASSWORD, useAuthHarness } from './harness.js';

const h = useAuthHarness('auth_jwks');
let server: ListeningApp;
let protectedApp: Express;

beforeAll(async () => {
  server = await listen(h.app);

  // What the blog or movie-booking service builds from AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE.
  const verifier = createVerifierFromEnv(
    AuthVerifierEnvSchema.parse({
      AUTH_JWKS_URL: `${server.url}/.well-known/jwks.json`,
      AUTH_ISSUER: h.settings.issuer,
      AUTH_AUDIENCE: h.settings.audience,
    }),
  );
  protectedApp = createBaseApp({ logger: testLogger('protected') });
  protectedApp.get('/api/v1/private', requireAuth(verifier), (req, res) => {
    res.json({ userId: currentUser(req).id, role: currentUser(req).role });
  });
  finishApp(protectedApp);
});
afterAll(() => server.close());

async function loginThroughHttp(): Promise<{ accessToken: string; user: { id: string } }> {
  const email = uniqueEmail();
  const registered = await fetch(`${server.url}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, name: 'Jwks User' }),
  });
  expect(registered.status).toBe(201);
  const loggedIn = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  return (await loggedIn.json()) as { accessToken: string; user: { id: string } };
}

it('accepts an access token the running auth service issued, verified through its JWKS', async () => {
  const { accessToken, user } = await loginThroughHttp();
  const res = await request(protectedApp).get('/api/v1/private').set('Authorization', `Bearer ${accessToken}`);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ userId: user.id, role: 'user' });
});

it('rejects a token signed by a foreign key with 401 problem+json', async () => {
  const foreign = createTestIssuer();
  const res = await request(protectedApp).get('/api/v1/private').set('Authorization', `Bearer ${foreign.tokenFor()}`);
  expectProblem(res, 401);
});

it('keeps accepting tokens with a cached key while the auth service is down, and answers 503 for a kid it cannot look up', async () => {
  const { accessToken } = await loginThroughHttp();
  await request(protectedApp).get('/api/v1/private').set('Authorization', `Bearer ${accessToken}`).expect(200);
  await server.close();

  await request(protectedApp).get('/api/v1/private').set('Authorization', `Bearer ${accessToken}`).expect(200);
  const unknownKid = await request(protectedApp)
    .get('/api/v1/private')
    .set('Authorization', `Bearer ${createTestIssuer().tokenFor()}`);
  expectProblem(unknownKid, 503);
  expect(unknownKid.headers['retry-after']).toBe('5');
});
