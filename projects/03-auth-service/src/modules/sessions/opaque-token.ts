/** Opaque random tokens (refresh, email links): 256 bits, and only their SHA-256 hash is stored. */
import { createHash, randomBytes } from 'node:crypto';

export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A fast hash is enough: the token has 256 bits of entropy, so there is nothing to brute-force. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
