import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceUnavailableError, UnauthorizedError } from '@roadmap/core';
import { AccessTokenIssuer, createAccessTokenVerifier } from './access-token.js';
import { generateSigningKey, type SigningKey } from './keys.js';

const issuerUrl = 'http://auth.unit';
const audience = 'backend-roadmap';

function issuerFor(key: SigningKey, overrides: { audience?: string; ttlSeconds?: number; issuer?: string } = {}) {
  return new AccessTokenIssuer({
    key,
    issuer: overrides.issuer ?? issuerUrl,
    audience: overrides.audience ?? audience,
    ttlSeconds: overrides.ttlSeconds ?? 60,
  });
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('createAccessTokenVerifier with a local public key', () => {
  const key = generateSigningKey();
  const verifier = createAccessTokenVerifier({ publicKeyPem: key.publicKeyPem, issuer: issuerUrl, audience });

  it('returns the user, role, token id and session id of a valid token', async () => {
    const { token, jti } = issuerFor(key).sign({ id: 'u1', role: 'admin', email: 'a@b.c', sessionId: 's1' });
    await expect(verifier.verify(token)).resolves.toEqual({
      id: 'u1',
      role: 'admin',
      email: 'a@b.c',
      tokenId: jti,
      sessionId: 's1',
    });
  });

  it('puts sub, role, iss, aud, exp, iat, jti and kid in the token', () => {
    const { token } = issuerFor(key).sign({ id: 'u1', role: 'user' });
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
    expect(header).toEqual(expect.objectContaining({ alg: 'ES256', kid: key.kid }));
    expect(payload).toEqual(
      expect.objectContaining({
        sub: 'u1',
        role: 'user',
        iss: issuerUrl,
        aud: audience,
        exp: expect.any(Number),
        iat: expect.any(Number),
        jti: expect.any(String),
      }),
    );
  });

  it('rejects alg none', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'u1', role: 'admin', jti: 'j', iss: issuerUrl, aud: audience, iat: now, exp: now + 60 })}.`;
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('rejects HS256 signed with the public key as the secret (algorithm confusion)', async () => {
    const { createHmac } = await import('node:crypto');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'u1', role: 'admin', jti: 'j', iss: issuerUrl, aud: audience, iat: now, exp: now + 60 })}`;
    const signature = createHmac('sha256', key.publicKeyPem).update(unsigned).digest('base64url');
    await expect(verifier.verify(`${unsigned}.${signature}`)).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('rejects a tampered payload', async () => {
    const [header, payload, signature] = issuerFor(key).sign({ id: 'u1', role: 'user' }).token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as object;
    await expect(verifier.verify(`${header}.${b64({ ...claims, role: 'admin' })}.${signature}`)).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
  });

  it('rejects a token signed by another key', async () => {
    const token = issuerFor(generateSigningKey()).sign({ id: 'u1', role: 'user' }).token;
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('rejects an expired token, saying so', async () => {
    const token = issuerFor(key, { ttlSeconds: -60 }).sign({ id: 'u1', role: 'user' }).token;
    await expect(verifier.verify(token)).rejects.toThrow(/expired/);
  });

  it('rejects a token without exp, even when signed by the right key', async () => {
    const { sign } = await import('jsonwebtoken');
    const token = sign({ role: 'user' }, key.privateKeyPem, {
      algorithm: 'ES256',
      keyid: key.kid,
      issuer: issuerUrl,
      audience,
      subject: 'u1',
      jwtid: 'j1',
    });
    await expect(verifier.verify(token)).rejects.toThrow(/malformed claims/);
  });

  it('rejects a token for another audience or from another issuer', async () => {
    await expect(
      verifier.verify(issuerFor(key, { audience: 'other' }).sign({ id: 'u1', role: 'user' }).token),
    ).rejects.toThrow(/not meant for this service/);
    await expect(
      verifier.verify(issuerFor(key, { issuer: 'http://evil' }).sign({ id: 'u1', role: 'user' }).token),
    ).rejects.toThrow(/unknown issuer/);
  });
});

describe('createAccessTokenVerifier with several local keys', () => {
  const current = generateSigningKey();
  const previous = generateSigningKey();
  const verifier = createAccessTokenVerifier({ publicKeys: [current, previous], issuer: issuerUrl, audience });

  it('verifies a token with the key its kid names', async () => {
    const fromPrevious = issuerFor(previous).sign({ id: 'u1', role: 'user' }).token;
    const fromCurrent = issuerFor(current).sign({ id: 'u2', role: 'admin' }).token;

    await expect(verifier.verify(fromPrevious)).resolves.toMatchObject({ id: 'u1' });
    await expect(verifier.verify(fromCurrent)).resolves.toMatchObject({ id: 'u2', role: 'admin' });
  });

  it('rejects a foreign key, also when it claims a known kid', async () => {
    const foreign = generateSigningKey();
    const unknownKid = issuerFor(foreign).sign({ id: 'u3', role: 'user' }).token;
    const claimedKid = issuerFor({ ...foreign, kid: previous.kid }).sign({ id: 'u4', role: 'user' }).token;

    await expect(verifier.verify(unknownKid)).rejects.toBeInstanceOf(UnauthorizedError);
    await expect(verifier.verify(claimedKid)).rejects.toBeInstanceOf(UnauthorizedError);
  });
});

describe('createAccessTokenVerifier with a JWKS URL', () => {
  let server: Server;
  let published: SigningKey[];
  let fetches = 0;
  let failing = false;
  let jwksUri: string;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      fetches += 1;
      if (failing) {
        res.statusCode = 500;
        res.end('down');
        return;
      }
      const keys = published.map((key) => issuerFor(key).jwks().keys[0]);
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('verifies with the published key, caches it, and refetches the set for an unknown kid (key rotation)', async () => {
    const first = generateSigningKey();
    const second = generateSigningKey();
    published = [first];
    fetches = 0;
    const verifier = createAccessTokenVerifier({ jwksUri, issuer: issuerUrl, audience });

    await expect(verifier.verify(issuerFor(first).sign({ id: 'u1', role: 'user' }).token)).resolves.toEqual(
      expect.objectContaining({ id: 'u1' }),
    );
    await verifier.verify(issuerFor(first).sign({ id: 'u2', role: 'user' }).token);
    expect(fetches).toBe(1);

    published = [second, first];
    await expect(verifier.verify(issuerFor(second).sign({ id: 'u3', role: 'user' }).token)).resolves.toEqual(
      expect.objectContaining({ id: 'u3' }),
    );
    expect(fetches).toBe(2);
  });

  it('rejects alg none naming a published kid, with 401', async () => {
    const key = generateSigningKey();
    published = [key];
    const verifier = createAccessTokenVerifier({ jwksUri, issuer: issuerUrl, audience });
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: 'u1', role: 'admin', jti: 'j', iss: issuerUrl, aud: audience, iat: now, exp: now + 60 };
    const token = `${b64({ alg: 'none', typ: 'JWT', kid: key.kid })}.${b64(claims)}.`;
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('rejects a token whose kid is not published, with 401', async () => {
    published = [generateSigningKey()];
    const verifier = createAccessTokenVerifier({ jwksUri, issuer: issuerUrl, audience });
    await expect(
      verifier.verify(issuerFor(generateSigningKey()).sign({ id: 'u1', role: 'user' }).token),
    ).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('answers 503, not 401, when the JWKS cannot be fetched, so clients keep a good token', async () => {
    const key = generateSigningKey();
    published = [key];
    failing = true;
    try {
      const verifier = createAccessTokenVerifier({ jwksUri, issuer: issuerUrl, audience });
      const rejection = verifier.verify(issuerFor(key).sign({ id: 'u1', role: 'user' }).token);
      await expect(rejection).rejects.toBeInstanceOf(ServiceUnavailableError);
      await expect(rejection).rejects.toEqual(
        expect.objectContaining({ status: 503, headers: expect.objectContaining({ 'Retry-After': '5' }) }),
      );
    } finally {
      failing = false;
    }
  });

  it('answers 503 when the auth service does not answer at all', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const verifier = createAccessTokenVerifier({
      jwksUri: `http://127.0.0.1:${port}/.well-known/jwks.json`,
      issuer: issuerUrl,
      audience,
    });
    await expect(
      verifier.verify(issuerFor(generateSigningKey()).sign({ id: 'u1', role: 'user' }).token),
    ).rejects.toBeInstanceOf(ServiceUnavailableError);
  });
});
