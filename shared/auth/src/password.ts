/**
 * Passwords: validated (length in characters and in bytes, since bcrypt ignores bytes past 72) and
 * hashed with bcrypt at a configured cost.
 */
import { fieldRule } from '@roadmap/core';
import bcrypt from 'bcrypt';
import { z } from 'zod';

export const PASSWORD_MIN_LENGTH = 10;
export const BCRYPT_MAX_BYTES = 72;
/** Production never hashes below this cost. */
export const MIN_PRODUCTION_BCRYPT_COST = 12;

const BYTES_IN_WORDS = `At most ${BCRYPT_MAX_BYTES} bytes of UTF-8 (bcrypt ignores the rest): ${BCRYPT_MAX_BYTES} ASCII characters, fewer with others (422 otherwise).`;

/**
 * A new password: at least 10 characters and at most 72 bytes of UTF-8. A document can state the
 * characters but not the bytes, so the byte cap is a field rule (422) described in words.
 */
export const NewPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(BCRYPT_MAX_BYTES, { message: `password must be at most ${BCRYPT_MAX_BYTES} characters`, abort: true })
  .refine(
    (value) => Buffer.byteLength(value, 'utf8') <= BCRYPT_MAX_BYTES,
    fieldRule(`password must be at most ${BCRYPT_MAX_BYTES} bytes (bcrypt ignores the rest)`),
  )
  .meta({ description: BYTES_IN_WORDS });

/** A password being checked (login): any non-empty string up to the same byte cap. */
export const PasswordAttemptSchema = z
  .string()
  .min(1, 'password is required')
  .max(BCRYPT_MAX_BYTES, { message: `password must be at most ${BCRYPT_MAX_BYTES} characters`, abort: true })
  .refine(
    (value) => Buffer.byteLength(value, 'utf8') <= BCRYPT_MAX_BYTES,
    fieldRule(`password must be at most ${BCRYPT_MAX_BYTES} bytes`),
  )
  .meta({ description: BYTES_IN_WORDS });

export class PasswordHasher {
  readonly cost: number;
  /** A hash of a random value, compared against when the user does not exist, so timing reveals nothing. */
  private dummyHash: Promise<string> | undefined;

  constructor(cost: number) {
    if (!Number.isInteger(cost) || cost < 4 || cost > 15) throw new Error(`bcrypt cost must be 4..15, got ${cost}`);
    this.cost = cost;
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.cost);
  }

  verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(password, hash);
  }

  /** Spends the same time as a real verify and always answers false. */
  async verifyAgainstNothing(password: string): Promise<false> {
    this.dummyHash ??= bcrypt.hash(`no-user-${Math.random()}`, this.cost);
    await bcrypt.compare(password, await this.dummyHash);
    return false;
  }

  /** True when a stored hash was made at a lower cost than configured and should be redone. */
  needsRehash(hash: string): boolean {
    return bcrypt.getRounds(hash) < this.cost;
  }
}
