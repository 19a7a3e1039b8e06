/**
 * A signing-key rotation: the service signs with a new key and lists the old public key in
 * JWT_PREVIOUS_PUBLIC_KEYS, so access tokens issued before the switch keep working, both for other
 * services verifying through the JWKS and on the service's own routes.
 */
import {
  AccessTokenIssuer,
  createAccessTokenVerifier,
  generateSigningKey,
  type AccessTokenVerifier,
  type SigningKey,
} from '@roadmap/auth';
import { expectProblem, listen, uniqueEmail, type ListeningApp } from '@roadmap/testing';
import request from 'supertest';
import { parsePublicKeyBundle } from '../src/modules/keys/index.js';
import { login, registerUser, useAuthHarness } from './harness.js';

const oldKey = generateSigningKey();
const h = useAuthHarness('auth_key_rotation', { previousPublicKeys: parsePublicKeyBundle(oldKey.publicKeyPem) });
let server: ListeningApp;
let jwksVerifier: AccessTokenVerifier;

beforeAll(async () => {
  server = await listen(h.app);
  jwksVerifier = createAccessTokenVerifier({
    jwksUri: `${server.url}/.well-known/jwks.json`,
    issuer: h.settings.issuer,
    audience: h.settings.audience,
  });
});
afterAll(() => server.close());

/** An access token as the service issued it before the rotation, with the old key. */
function tokenSignedBy(key: SigningKey, userId: string): string {
  const issuer = new AccessTokenIssuer({
    key,
    issuer: h.settings.issuer,
    audience: h.settings.audience,
    ttlSeconds: h.settings.accessTokenTtlSeconds,
  });
  return issuer.sign({ id: userId, role: 'user' }).token;
}

it('publishes the current key first and the previous key beside it in the JWKS', async () => {
  const res = await request(h.app).get('/.well-known/jwks.json').expect(200);
  expect(res.body.keys.map((key: { kid: string }) => key.kid)).toEqual([h.key.kid, oldKey.kid]);
  expect(JSON.stringify(res.body)).not.toMatch(/"d":/);
});

it('lets another service verify, through the JWKS, a token signed by the previous key', async () => {
  const user = await registerUser(h.app, uniqueEmail());
  await expect(jwksVerifier.verify(tokenSignedBy(oldKey, user.id))).resolves.toEqual(
    expect.objectContaining({ id: user.id, role: 'user' }),
  );
});

it('signs new tokens with the current key only, and they verify through the JWKS too', async () => {
  const user = await registerUser(h.app, uniqueEmail());
  const { accessToken } = await login(h.app, user.email);
  const header = JSON.parse(Buffer.from(accessToken.split('.')[0] ?? '', 'base64url').toString()) as { kid: string };
  expect(header.kid).toBe(h.key.kid);
  await expect(jwksVerifier.verify(accessToken)).resolves.toEqual(expect.objectContaining({ id: user.id }));
});

it("accepts a token signed by the previous key on the service's own routes", async () => {
  const user = await registerUser(h.app, uniqueEmail());
  const res = await request(h.app)
    .get('/api/v1/auth/me')
    .set('Authorization', `Bearer ${tokenSignedBy(oldKey, user.id)}`);
  expect(res.status).toBe(200);
  expect(res.body.user).toEqual(expect.objectContaining({ id: user.id }));
});

it('still rejects a token signed by a key it never had, through the JWKS and on its own routes', async () => {
  const user = await registerUser(h.app, uniqueEmail());
  const forged = tokenSignedBy({ ...generateSigningKey(), kid: oldKey.kid }, user.id);
  await expect(jwksVerifier.verify(forged)).rejects.toMatchObject({ status: 401 });
  expectProblem(await request(h.app).get('/api/v1/auth/me').set('Authorization', `Bearer ${forged}`), 401);
});
