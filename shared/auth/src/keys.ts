/**
 * Signing keys: ES256 (P-256) key pairs, their public JWK with a `kid` (the RFC 7638 thumbprint),
 * and loading PEMs from configuration (where newlines are often written as `\n`).
 */
import { createHash, createPublicKey, generateKeyPairSync, type JsonWebKey } from 'node:crypto';

export type SigningAlgorithm = 'ES256' | 'RS256';

export interface SigningKey {
  kid: string;
  algorithm: SigningAlgorithm;
  privateKeyPem: string;
  publicKeyPem: string;
}

export interface PublicJwk extends JsonWebKey {
  kid: string;
  alg: SigningAlgorithm;
  use: 'sig';
}

/** Accepts a PEM with real newlines or with literal `\n` (as env files hold them). */
export function normalisePem(pem: string): string {
  return pem.includes('\\n') ? pem.replace(/\\n/g, '\n') : pem;
}

function b64url(buffer: Buffer): string {
  return buffer.toString('base64url');
}

/** RFC 7638 JWK thumbprint: stable for a key, so it makes a good `kid`. */
export function jwkThumbprint(jwk: JsonWebKey): string {
  const members =
    jwk.kty === 'EC' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y } : { e: jwk.e, kty: jwk.kty, n: jwk.n };
  return b64url(createHash('sha256').update(JSON.stringify(members)).digest());
}

export function publicJwk(publicKeyPem: string, algorithm: SigningAlgorithm, kid?: string): PublicJwk {
  const jwk = createPublicKey(normalisePem(publicKeyPem)).export({ format: 'jwk' });
  return { ...jwk, kid: kid ?? jwkThumbprint(jwk), alg: algorithm, use: 'sig' };
}

export function signingKeyFromPem(privateKeyPem: string, kid?: string): SigningKey {
  const pem = normalisePem(privateKeyPem);
  const publicKey = createPublicKey(pem);
  const algorithm: SigningAlgorithm = publicKey.asymmetricKeyType === 'ec' ? 'ES256' : 'RS256';
  if (publicKey.asymmetricKeyType === 'ec' && publicKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('EC signing keys must use the P-256 curve (ES256)');
  }
  const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  return { kid: kid ?? publicJwk(publicKeyPem, algorithm).kid, algorithm, privateKeyPem: pem, publicKeyPem };
}

/** A fresh ES256 key pair (tests, local development). */
export function generateSigningKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return signingKeyFromPem(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
}
