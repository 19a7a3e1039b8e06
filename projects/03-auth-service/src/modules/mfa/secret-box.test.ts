import { randomBytes } from 'node:crypto';
import { DEVELOPMENT_MFA_KEY, parseMfaKey, SecretBox } from './secret-box.js';

const box = new SecretBox(randomBytes(32));

describe('SecretBox', () => {
  it('seals a secret so that only the same key and user open it, never storing it in clear', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'user-1');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed, 'user-1')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => box.open(sealed, 'user-2')).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'user-1')).toThrow();
  });

  it('refuses a sealed secret whose ciphertext was altered', () => {
    const [version, iv, tag, ciphertext = ''] = box.seal('JBSWY3DPEHPK3PXP', 'u').split('.');
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => box.open([version, iv, tag, flipped.toString('base64url')].join('.'), 'u')).toThrow();
  });

  it('uses a fresh IV each time', () => {
    expect(box.seal('same', 'u')).not.toBe(box.seal('same', 'u'));
  });

  it('digests recovery codes with a key: same code same digest, another key another digest', () => {
    expect(box.digest('abcde')).toBe(box.digest('abcde'));
    expect(box.digest('abcde')).not.toBe(new SecretBox(randomBytes(32)).digest('abcde'));
  });
});

describe('parseMfaKey', () => {
  it('accepts a secret of 32 or more characters, the development key among them', () => {
    const secret = randomBytes(32).toString('base64');
    expect(parseMfaKey(secret)).toEqual(Buffer.from(secret));
    expect(parseMfaKey(randomBytes(24).toString('hex'))).toHaveLength(48);
    expect(() => parseMfaKey(DEVELOPMENT_MFA_KEY)).not.toThrow();
  });

  it.each(['', 'short', randomBytes(15).toString('hex'), ` ${'x'.repeat(31)} `])('refuses %j', (text) => {
    expect(() => parseMfaKey(text)).toThrow(/at least 32 characters/);
  });
});
