/**
 * The MFA key from MFA_ENCRYPTION_KEY (a random secret of 32 or more characters) and what it protects: TOTP secrets sealed
 * with AES-256-GCM (a fresh 96-bit IV each time, the user id as associated data, so a sealed secret
 * copied onto another account does not open), and recovery codes stored as HMAC-SHA-256 digests (a
 * dump of the database alone cannot test guesses against them). Two sub-keys are derived with HKDF
 * so neither use can be turned against the other.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * The key used when MFA_ENCRYPTION_KEY is unset outside production: public, so anything it sealed is
 * readable by anyone; production refuses it.
 */
export const DEVELOPMENT_MFA_KEY = 'development-only-mfa-key-anyone-can-read';

/**
 * The key material of MFA_ENCRYPTION_KEY, or an error naming what is wrong. Like the project's other
 * secrets it is any random text of 32 or more characters (openssl rand -base64 32); HKDF turns it
 * into the AES-256 key and the HMAC key.
 */
export function parseMfaKey(text: string): Buffer {
  if (text.trim().length < 32)
    throw new Error('must be a random secret of at least 32 characters (openssl rand -base64 32)');
  return Buffer.from(text.trim(), 'utf8');
}

const VERSION = 'v1';

export class SecretBox {
  private readonly sealKey: Buffer;
  private readonly digestKey: Buffer;

  constructor(masterKey: Buffer) {
    this.sealKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'mfa:totp-secret', 32));
    this.digestKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'mfa:recovery-code', 32));
  }

  /** `v1.<iv>.<tag>.<ciphertext>` (base64url); opens only with the same key and `context`. */
  seal(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    cipher.setAAD(Buffer.from(context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url')).join('.');
  }

  /** The plaintext; throws when the box was altered, sealed for another context, or with another key. */
  open(sealed: string, context: string): string {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error('not a sealed MFA secret');
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** A keyed digest to store instead of a recovery code and to look it up by. */
  digest(value: string): string {
    return createHmac('sha256', this.digestKey).update(value).digest('hex');
  }
}
