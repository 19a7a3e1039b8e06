import { newRecoveryCodes, normalizeRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-code.js';

describe('recovery codes', () => {
  it('makes 10 distinct codes shaped xxxxx-xxxxx without look-alike characters', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
  });

  it('normalises what a user types back: case, spaces and dashes do not matter', () => {
    expect(normalizeRecoveryCode('ABCDE FGHJK')).toBe('abcdefghjk');
    expect(normalizeRecoveryCode(' abcde-fghjk ')).toBe('abcdefghjk');
  });

  it.each(['abcde', 'abcde-fghjkm', 'abcde-fghj1', 'abcde-fghjo', ''])('refuses %j', (input) => {
    expect(normalizeRecoveryCode(input)).toBeNull();
  });
});
