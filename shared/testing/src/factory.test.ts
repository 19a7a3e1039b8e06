import { defineFactory } from './factory.js';

describe('defineFactory', () => {
  const users = defineFactory((n) => ({ email: `user${n}@example.test`, role: 'user' as 'user' | 'admin' }));

  it('numbers each build so unique fields stay unique', () => {
    const [a, b] = users.buildList(2);

    expect(a?.email).not.toBe(b?.email);
  });

  it('applies overrides over the defaults', () => {
    expect(users.build({ role: 'admin' })).toMatchObject({
      role: 'admin',
      email: expect.stringMatching(/@example\.test$/),
    });
  });
});
