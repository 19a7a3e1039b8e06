/** Usernames, bios and images: unique usernames, public profiles by username or ids, and profile edits. */
import { expectProblem, uniqueEmail } from '@roadmap/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { nextFreeUsername } from '../src/modules/auth/account.service.js';
import { login, PASSWORD, registerUser, useAuthHarness } from './harness.js';

const h = useAuthHarness('auth_profiles');

const name = (prefix: string) => `${prefix}${randomUUID().slice(0, 8)}`;

async function register(fields: Record<string, unknown>) {
  return request(h.app)
    .post('/api/v1/auth/register')
    .send({ email: uniqueEmail(), password: PASSWORD, name: 'Someone', ...fields });
}

describe('usernames', () => {
  it('registers with the username given, and shows it with an empty bio and image', async () => {
    const username = name('ada_');

    const res = await register({ username });

    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ username, bio: null, image: null });
    expect(await h.models.User.countDocuments({ username })).toBe(1);
  });

  it('makes a free username from the email when none is given', async () => {
    const local = name('grace.');
    const first = await register({ email: `${local}@one.test` });
    const second = await register({ email: `${local}@two.test` });

    expect(first.body.user.username).toBe(local);
    expect(second.body.user.username).toBe(`${local}1`);
  });

  it('answers 409 naming username when it is taken, whatever the email', async () => {
    const username = name('taken');
    expect((await register({ username })).status).toBe(201);

    const res = await register({ username });

    expectProblem(res, 409);
    expect(res.body.fields).toEqual(['username']);
    expect(await h.models.User.countDocuments({ username })).toBe(1);
  });

  it('keeps usernames unique under concurrent registrations (sparse unique index)', async () => {
    const username = name('race');

    const results = await Promise.all(Array.from({ length: 4 }, () => register({ username })));

    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(await h.models.User.countDocuments({ username })).toBe(1);
  });

  it('rejects a username with spaces or symbols with 400 naming the field', async () => {
    const res = await register({ username: 'no spaces!' });

    expectProblem(res, 400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'body.username' })]);
  });

  it('picks the smallest free number after the base', () => {
    expect(nextFreeUsername('ada', [])).toBe('ada');
    expect(nextFreeUsername('ada', ['ada', 'ada1', 'ada3'])).toBe('ada2');
  });
});

describe('public profiles', () => {
  it('answers a profile by username without the email, and 404 for an unknown one', async () => {
    const username = name('pub');
    const user = await register({ username });

    const res = await request(h.app).get(`/api/v1/profiles/${username}`);
    const unknown = await request(h.app).get(`/api/v1/profiles/${name('nobody')}`);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ profile: { id: user.body.user.id, username, bio: null, image: null } });
    expectProblem(unknown, 404);
  });

  it('answers the profiles of several ids in the order asked, leaving out unknown ids', async () => {
    const a = await register({ username: name('a') });
    const b = await register({ username: name('b') });
    const unknown = '0123456789abcdef01234567';

    const res = await request(h.app).get(`/api/v1/profiles?ids=${b.body.user.id},${unknown},${a.body.user.id}`);

    expect(res.status).toBe(200);
    expect(res.body.profiles.map((p: { username: string }) => p.username)).toEqual([
      b.body.user.username,
      a.body.user.username,
    ]);
  });

  it('rejects a malformed id list with 400', async () => {
    const res = await request(h.app).get('/api/v1/profiles?ids=not-an-id');

    expectProblem(res, 400);
  });
});

describe('profile edits on PATCH /me', () => {
  it('changes username, bio and image', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const { accessToken } = await login(h.app, email);
    const username = name('renamed');

    const res = await request(h.app)
      .patch('/api/v1/auth/me')
      .set('Authorization', `Bearer ${accessToken}`)
      .send({ username, bio: 'Hello', image: 'https://img.test/a.png' });

    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username, bio: 'Hello', image: 'https://img.test/a.png' });
    expect(await h.models.User.countDocuments({ email, username, bio: 'Hello' })).toBe(1);
  });

  it('clears an image with an empty string and refuses one that is not an http(s) URL', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const { accessToken } = await login(h.app, email);
    const auth = { Authorization: `Bearer ${accessToken}` };
    await request(h.app).patch('/api/v1/auth/me').set(auth).send({ image: 'https://img.test/a.png' }).expect(200);

    const cleared = await request(h.app).patch('/api/v1/auth/me').set(auth).send({ image: '' });
    const script = await request(h.app).patch('/api/v1/auth/me').set(auth).send({ image: 'javascript:alert(1)' });

    expect(cleared.body.user.image).toBeNull();
    expectProblem(script, 400);
  });

  it('changes the email, marks it unverified and sends a verification link to the new address', async () => {
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const { accessToken } = await login(h.app, email);
    const newEmail = uniqueEmail('moved');

    const res = await request(h.app)
      .patch('/api/v1/auth/me')
      .set('Authorization', `Bearer ${accessToken}`)
      .send({ email: newEmail });

    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: newEmail, emailVerified: false });
    await h.smtp.waitForMessage((m) => m.to.includes(newEmail));
    expect((await login(h.app, newEmail)).accessToken).toEqual(expect.any(String));
  });

  it('answers 409 naming the field when the new username or email is taken', async () => {
    const other = await register({ username: name('other') });
    const email = uniqueEmail();
    await registerUser(h.app, email);
    const { accessToken } = await login(h.app, email);
    const auth = { Authorization: `Bearer ${accessToken}` };

    const byName = await request(h.app).patch('/api/v1/auth/me').set(auth).send({ username: other.body.user.username });
    const byEmail = await request(h.app).patch('/api/v1/auth/me').set(auth).send({ email: other.body.user.email });

    expectProblem(byName, 409);
    expect(byName.body.fields).toEqual(['username']);
    expectProblem(byEmail, 409);
    expect(byEmail.body.fields).toEqual(['email']);
  });
});
