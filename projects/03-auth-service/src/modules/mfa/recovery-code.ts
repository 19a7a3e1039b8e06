/**
 * Recovery codes: 10 single-use codes of 10 characters from a 31-letter alphabet without look-alikes
 * (i, l, o, 0 and 1 left out; about 50 bits each), shown as `xxxxx-xxxxx`. What a user types back is normalised (case, spaces and
 * dashes ignored) before it is digested, so `ABCDE FGHJK` finds `abcde-fghjk`.
 */
import { randomInt } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const LENGTH = 10;

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    codes.add(`${chars.slice(0, 5)}-${chars.slice(5)}`);
  }
  return [...codes];
}

/** The code as stored (digested): lower case, without separators; null when it cannot be one. */
export function normalizeRecoveryCode(input: string): string | null {
  const compact = input.toLowerCase().replace(/[\s-]/g, '');
  return compact.length === LENGTH && [...compact].every((char) => ALPHABET.includes(char)) ? compact : null;
}
