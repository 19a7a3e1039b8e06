/**
 * The public keys that verify this service's access tokens: the current signing key's and, during a
 * key rotation, the previous ones (JWT_PREVIOUS_PUBLIC_KEYS), which are published in the JWKS and
 * still accepted by the service's own routes until the tokens they signed have expired.
 */
import { createPublicKey } from 'node:crypto';
import {
  createAccessTokenVerifier,
  normalisePem,
  publicJwk,
  type AccessTokenVerifier,
  type SigningAlgorithm,
  type SigningKey,
} from '@roadmap/auth';

export interface PreviousPublicKey {
  publicKeyPem: string;
  algorithm: SigningAlgorithm;
  kid: string;
}

const PUBLIC_KEY_BLOCK = /-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g;

/**
 * Reads one or more PEM public keys written one after another (as `cat old.pub older.pub` prints
 * them); `\n` escapes are accepted. The `kid` is the key's thumbprint, the one its tokens carry.
 * Throws, naming the key, when a block is not an RSA or P-256 public key.
 */
export function parsePublicKeyBundle(bundle: string): PreviousPublicKey[] {
  const text = normalisePem(bundle).trim();
  const blocks = text.match(PUBLIC_KEY_BLOCK) ?? [];
  if (blocks.length === 0 || text.replace(PUBLIC_KEY_BLOCK, '').trim() !== '') {
    throw new Error('must be one or more PEM public keys (-----BEGIN PUBLIC KEY----- … -----END PUBLIC KEY-----)');
  }
  const keys = blocks.map((pem, index) => {
    let key;
    try {
      key = createPublicKey(pem);
    } catch {
      throw new Error(`key ${index + 1} is not a readable PEM public key`);
    }
    const isP256 = key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
    if (!isP256 && key.asymmetricKeyType !== 'rsa') {
      throw new Error(`key ${index + 1} is neither an RSA nor a P-256 (ES256) public key`);
    }
    const algorithm: SigningAlgorithm = isP256 ? 'ES256' : 'RS256';
    return { publicKeyPem: pem, algorithm, kid: publicJwk(pem, algorithm).kid };
  });
  // The same key pasted twice would be published twice under one kid.
  return keys.filter((key, index) => keys.findIndex((other) => other.kid === key.kid) === index);
}

/**
 * Verifies with the key the token's `kid` names, among the current and previous keys (the shared
 * verifier's key ring). The kid only picks the key: the signature, algorithm, issuer and audience are
 * checked as always, and a token naming any other kid is rejected.
 */
export function createKeyRingVerifier(options: {
  current: SigningKey;
  previous: PreviousPublicKey[];
  issuer: string;
  audience: string;
  /** For the enrolment routes: also accept tokens of users who must enrol a second factor first. */
  acceptMfaEnrolmentTokens?: boolean;
}): AccessTokenVerifier {
  const { current, previous, ...rest } = options;
  return createAccessTokenVerifier({ publicKeys: [current, ...previous], ...rest });
}
