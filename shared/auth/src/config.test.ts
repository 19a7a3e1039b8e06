import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UnauthorizedError } from '@roadmap/core';
import { z } from 'zod';
import {
  AuthVerifierEnvSchema,
  authVerifierEnvShape,
  createVerifierFromEnv,
  DEVELOPMENT_JWKS_URL,
  ONE_KEY_SOURCE_MESSAGE,
  requireOneKeySource,
  withKeySource,
} from './config.js';
import { generateSigningKey } from './keys.js';
import { createTestIssuer, TEST_AUDIENCE, TEST_ISSUER } from './testing/test-issuer.js';

const trustTestIssuer = { AUTH_ISSUER: TEST_ISSUER, AUTH_AUDIENCE: TEST_AUDIENCE };

describe('createVerifierFromEnv with AUTH_PUBLIC_KEY (a project running alone)', () => {
  const own = createTestIssuer();

  it('verifies tokens of the configured key, given as a PEM with literal \\n escapes as env files hold it', async () => {
    const env = AuthVerifierEnvSchema.parse({
      ...trustTestIssuer,
      AUTH_PUBLIC_KEY: own.key.publicKeyPem.replace(/\n/g, '\\n'),
    });
    const verifier = createVerifierFromEnv(env);
    await expect(verifier.verify(own.tokenFor({ id: 'u1', role: 'admin' }))).resolves.toEqual(
      expect.objectContaining({ id: 'u1', role: 'admin' }),
    );
  });

  it('rejects a token signed by another key', async () => {
    const verifier = createVerifierFromEnv(
      AuthVerifierEnvSchema.parse({ ...trustTestIssuer, AUTH_PUBLIC_KEY: own.key.publicKeyPem }),
    );
    await expect(verifier.verify(createTestIssuer().tokenFor())).rejects.toBeInstanceOf(UnauthorizedError);
  });
});

describe('createVerifierFromEnv with AUTH_JWKS_URL (trusting the auth service)', () => {
  const published = createTestIssuer();
  let server: Server;
  let jwksUrl: string;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(published.issuer.jwks()));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('verifies tokens signed by a published key and rejects a foreign one', async () => {
    const verifier = createVerifierFromEnv(AuthVerifierEnvSchema.parse({ ...trustTestIssuer, AUTH_JWKS_URL: jwksUrl }));
    await expect(verifier.verify(published.tokenFor({ id: 'u2' }))).resolves.toEqual(
      expect.objectContaining({ id: 'u2' }),
    );
    await expect(verifier.verify(createTestIssuer().tokenFor())).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('pins the configured issuer and audience', async () => {
    const verifier = createVerifierFromEnv(
      AuthVerifierEnvSchema.parse({ AUTH_ISSUER: TEST_ISSUER, AUTH_AUDIENCE: 'another-api', AUTH_JWKS_URL: jwksUrl }),
    );
    await expect(verifier.verify(published.tokenFor())).rejects.toThrow(/not meant for this service/);
  });
});

describe('requireOneKeySource', () => {
  const schema = z.object(authVerifierEnvShape).refine(requireOneKeySource, { message: ONE_KEY_SOURCE_MESSAGE });
  const pem = generateSigningKey().publicKeyPem;

  it('accepts exactly one of AUTH_JWKS_URL or AUTH_PUBLIC_KEY', () => {
    expect(schema.safeParse({ AUTH_JWKS_URL: 'http://auth:3003/.well-known/jwks.json' }).success).toBe(true);
    expect(schema.safeParse({ AUTH_PUBLIC_KEY: pem }).success).toBe(true);
  });

  it('refuses neither and both', () => {
    expect(schema.safeParse({}).success).toBe(false);
    expect(
      schema.safeParse({ AUTH_JWKS_URL: 'http://auth:3003/.well-known/jwks.json', AUTH_PUBLIC_KEY: pem }).success,
    ).toBe(false);
  });

  it('makes createVerifierFromEnv throw when no key source is set', () => {
    expect(() => createVerifierFromEnv(AuthVerifierEnvSchema.parse({}))).toThrow(ONE_KEY_SOURCE_MESSAGE);
  });
});

describe('withKeySource', () => {
  const schema = withKeySource(
    z.object({
      NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
      ...authVerifierEnvShape,
    }),
  );
  const pem = generateSigningKey().publicKeyPem;

  it('trusts the local auth service when no key source is set outside production', () => {
    expect(schema.parse({}).AUTH_JWKS_URL).toBe(DEVELOPMENT_JWKS_URL);
    expect(schema.parse({ NODE_ENV: 'test' }).AUTH_JWKS_URL).toBe(DEVELOPMENT_JWKS_URL);
  });

  it('leaves a configured source alone', () => {
    const standalone = schema.parse({ AUTH_PUBLIC_KEY: pem });
    expect(standalone.AUTH_PUBLIC_KEY).toBe(pem);
    expect(standalone.AUTH_JWKS_URL).toBeUndefined();
    expect(schema.parse({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://auth.example.com/jwks' }).AUTH_JWKS_URL).toBe(
      'https://auth.example.com/jwks',
    );
  });

  it('refuses a missing key source in production, on AUTH_JWKS_URL', () => {
    const result = schema.safeParse({ NODE_ENV: 'production' });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['AUTH_JWKS_URL'], message: ONE_KEY_SOURCE_MESSAGE }),
    ]);
  });

  it('refuses both sources in any environment', () => {
    expect(schema.safeParse({ AUTH_JWKS_URL: 'http://auth:3003/jwks', AUTH_PUBLIC_KEY: pem }).success).toBe(false);
  });
});
