import { NewPasswordSchema, PasswordAttemptSchema, PasswordHasher } from './password.js';

describe('NewPasswordSchema', () => {
  it('accepts 10 characters up to 72 bytes', () => {
    expect(NewPasswordSchema.safeParse('a'.repeat(10)).success).toBe(true);
    expect(NewPasswordSchema.safeParse('a'.repeat(72)).success).toBe(true);
  });

  it('rejects fewer than 10 characters', () => {
    expect(NewPasswordSchema.safeParse('a'.repeat(9)).success).toBe(false);
  });

  it('counts bytes, not characters: 37 two-byte characters (74 bytes) are too long', () => {
    const result = NewPasswordSchema.safeParse('é'.repeat(37));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/72 bytes/);
  });

  it('refuses 73 characters by their length, and 37 two-byte ones by a field rule (the document states it in words)', () => {
    const long = NewPasswordSchema.safeParse('a'.repeat(73));
    const wide = NewPasswordSchema.safeParse('é'.repeat(37));

    expect(long.error?.issues).toEqual([
      expect.objectContaining({ code: 'too_big', message: expect.stringMatching(/72 characters/) }),
    ]);
    expect(wide.error?.issues).toEqual([
      expect.objectContaining({
        code: 'custom',
        params: { fieldRule: true },
        message: expect.stringMatching(/72 bytes/),
      }),
    ]);
  });

  it('rejects an over-long attempt at login too', () => {
    expect(PasswordAttemptSchema.safeParse('a'.repeat(73)).success).toBe(false);
  });
});

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher(4);

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hasher.hash('correct-horse-battery');
    await expect(hasher.verify('correct-horse-battery', hash)).resolves.toBe(true);
    await expect(hasher.verify('wrong-horse-battery', hash)).resolves.toBe(false);
  });

  it('always answers false when there is no user', async () => {
    await expect(hasher.verifyAgainstNothing('anything')).resolves.toBe(false);
  });

  it('asks for a rehash of a hash made at a lower cost', async () => {
    const old = await new PasswordHasher(4).hash('x'.repeat(10));
    expect(new PasswordHasher(5).needsRehash(old)).toBe(true);
    expect(hasher.needsRehash(old)).toBe(false);
  });

  it('refuses a cost outside 4..15', () => {
    expect(() => new PasswordHasher(3)).toThrow(/cost/);
  });
});
