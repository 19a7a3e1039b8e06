import { generateKeyPairSync } from 'node:crypto';
import { AccessTokenIssuer, generateSigningKey, type SigningKey } from '@roadmap/auth';
import { createKeyRingVerifier, parsePublicKeyBundle } from './verification-keys.js';

const ISSUER = 'http://auth.test';
const AUDIENCE = 'backend-roadmap';

function rsaSigningKeyPublicPem(): string {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return publicKey.export({ format: 'pem', type: 'spki' }).toString();
}

const tokenSignedBy = (key: SigningKey) =>
  new AccessTokenIssuer({ key, issuer: ISSUER, audience: AUDIENCE, ttlSeconds: 60 }).sign({ id: 'u1', role: 'user' })
    .token;

describe('parsePublicKeyBundle', () => {
  it('reads PEM public keys written one after another, with the kid their tokens carry', () => {
    const [older, old] = [generateSigningKey(), generateSigningKey()];
    const keys = parsePublicKeyBundle(`${older.publicKeyPem}\n${old.publicKeyPem}`);
    expect(keys.map((key) => [key.kid, key.algorithm])).toEqual([
      [older.kid, 'ES256'],
      [old.kid, 'ES256'],
    ]);
  });

  it('accepts a key written on one line with \\n escapes, and RSA keys as RS256', () => {
    const old = generateSigningKey();
    expect(parsePublicKeyBundle(old.publicKeyPem.trim().replace(/\n/g, '\\n'))).toEqual([
      expect.objectContaining({ kid: old.kid, algorithm: 'ES256' }),
    ]);
    expect(parsePublicKeyBundle(rsaSigningKeyPublicPem())).toEqual([expect.objectContaining({ algorithm: 'RS256' })]);
  });

  it('lists a key given twice once', () => {
    const old = generateSigningKey();
    expect(parsePublicKeyBundle(old.publicKeyPem + old.publicKeyPem)).toHaveLength(1);
  });

  it('refuses text that is not only PEM public keys: a private key, stray text, a broken block, another curve', () => {
    const old = generateSigningKey();
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' })
      .publicKey.export({ format: 'pem', type: 'spki' })
      .toString();
    expect(() => parsePublicKeyBundle(old.privateKeyPem)).toThrow(/PEM public keys/);
    expect(() => parsePublicKeyBundle(`${old.publicKeyPem},`)).toThrow(/PEM public keys/);
    expect(() => parsePublicKeyBundle('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----')).toThrow(
      /key 1 is not a readable PEM public key/,
    );
    expect(() => parsePublicKeyBundle(old.publicKeyPem + p384)).toThrow(/key 2 is neither an RSA nor a P-256/);
  });
});

describe('createKeyRingVerifier', () => {
  const current = generateSigningKey();
  const old = generateSigningKey();
  const verifier = createKeyRingVerifier({
    current,
    previous: parsePublicKeyBundle(old.publicKeyPem),
    issuer: ISSUER,
    audience: AUDIENCE,
  });

  it('accepts tokens signed by the current key and by a previous one', async () => {
    await expect(verifier.verify(tokenSignedBy(current))).resolves.toEqual(expect.objectContaining({ id: 'u1' }));
    await expect(verifier.verify(tokenSignedBy(old))).resolves.toEqual(expect.objectContaining({ id: 'u1' }));
  });

  it('rejects a token from a foreign key, even one that names a previous kid', async () => {
    const foreign = generateSigningKey();
    await expect(verifier.verify(tokenSignedBy(foreign))).rejects.toMatchObject({ status: 401 });
    await expect(verifier.verify(tokenSignedBy({ ...foreign, kid: old.kid }))).rejects.toMatchObject({ status: 401 });
  });
});
