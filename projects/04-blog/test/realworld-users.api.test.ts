/** RealWorld users and profiles through the mount: accounts live in the auth service, tokens are its own. */
import request from 'supertest';
import { registerUser, RW, useRealWorldHarness } from './realworld-harness.js';

const h = useRealWorldHarness('blog-rw-users');

describe('RealWorld users', () => {
  it('registers on the auth service and answers { user } with its access token', async () => {
    const res = await request(h.app)
      .post(`${RW}/users`)
      .send({ user: { username: 'jacob_rw', email: 'Jake@RealWorld.test', password: 'Password-123' } });

    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      user: { email: 'jake@realworld.test', username: 'jacob_rw', bio: null, image: null, token: expect.any(String) },
    });
    const caller = await h.auth.verifier.verify(res.body.user.token as string);
    expect(caller.email).toBe('jake@realworld.test');
  });

  it('answers 422 naming the field when the username or email is taken', async () => {
    const taken = await registerUser(h.app, 'taken');

    const sameName = await request(h.app)
      .post(`${RW}/users`)
      .send({ user: { username: taken.username, email: 'other@realworld.test', password: 'Password-123' } });
    const sameEmail = await request(h.app)
      .post(`${RW}/users`)
      .send({ user: { username: 'someoneelse', email: taken.email, password: 'Password-123' } });

    expect(sameName.status).toBe(422);
    expect(sameName.body).toEqual({ errors: { username: ['has already been taken'] } });
    expect(sameEmail.status).toBe(422);
    expect(sameEmail.body).toEqual({ errors: { email: ['has already been taken'] } });
  });

  it('answers 422 listing each invalid field of a registration', async () => {
    const res = await request(h.app)
      .post(`${RW}/users`)
      .send({ user: { username: '', email: 'not-an-email', password: '' } });

    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors as object).sort()).toEqual(['email', 'password', 'username']);
  });

  it('passes on the auth service rules: a short password is a 422 on password', async () => {
    const res = await request(h.app)
      .post(`${RW}/users`)
      .send({ user: { username: 'shortpw', email: 'shortpw@realworld.test', password: 'short' } });

    expect(res.status).toBe(422);
    expect(res.body.errors.password).toEqual([expect.any(String)]);
  });

  it('logs in with email and password, and answers 401 to a wrong password', async () => {
    const user = await registerUser(h.app, 'login');

    const ok = await request(h.app)
      .post(`${RW}/users/login`)
      .send({ user: { email: user.email, password: user.password } });
    const wrong = await request(h.app)
      .post(`${RW}/users/login`)
      .send({ user: { email: user.email, password: 'Wrong-password-1' } });

    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ email: user.email, username: user.username, token: expect.any(String) });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ errors: { body: [expect.any(String)] } });
  });

  it('answers the current user with "Token" and with "Bearer", and 401 without a token', async () => {
    const user = await registerUser(h.app, 'current');

    const withToken = await request(h.app).get(`${RW}/user`).set('Authorization', `Token ${user.token}`);
    const withBearer = await request(h.app).get(`${RW}/user`).set('Authorization', `Bearer ${user.token}`);
    const anonymous = await request(h.app).get(`${RW}/user`);

    expect(withToken.status).toBe(200);
    expect(withToken.body.user).toEqual({
      email: user.email,
      username: user.username,
      bio: null,
      image: null,
      token: user.token,
    });
    expect(withBearer.body).toEqual(withToken.body);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors).toBeDefined();
  });

  it('updates bio, image, username and email on the auth service', async () => {
    const user = await registerUser(h.app, 'update');
    const username = `${user.username}x`;

    const res = await request(h.app)
      .put(`${RW}/user`)
      .set(user.header)
      .send({
        user: { bio: 'I like dragons', image: 'https://img.test/me.png', username, email: `new.${user.email}` },
      });

    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({
      email: `new.${user.email}`,
      username,
      bio: 'I like dragons',
      image: 'https://img.test/me.png',
      token: user.token,
    });
    const profile = await request(h.app).get(`${RW}/profiles/${username}`);
    expect(profile.body.profile).toEqual({
      username,
      bio: 'I like dragons',
      image: 'https://img.test/me.png',
      following: false,
    });
  });

  it('refuses a password change without the current password, naming the field', async () => {
    const user = await registerUser(h.app, 'pwchange');

    const res = await request(h.app)
      .put(`${RW}/user`)
      .set(user.header)
      .send({ user: { password: 'New-password-123' } });

    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors as object)).toEqual(['password']);
    const login = await request(h.app)
      .post(`${RW}/users/login`)
      .send({ user: { email: user.email, password: user.password } });
    expect(login.status).toBe(200);
  });

  it('answers 422 when the new username is taken', async () => {
    const [first, second] = [await registerUser(h.app, 'first'), await registerUser(h.app, 'second')];

    const res = await request(h.app)
      .put(`${RW}/user`)
      .set(second.header)
      .send({ user: { username: first.username } });

    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: { username: ['has already been taken'] } });
  });
});

describe('RealWorld profiles', () => {
  it('shows a profile to anyone, with following false', async () => {
    const celeb = await registerUser(h.app, 'celeb');

    const res = await request(h.app).get(`${RW}/profiles/${celeb.username}`);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ profile: { username: celeb.username, bio: null, image: null, following: false } });
  });

  it('follows and unfollows, and the profile shows it to the follower only', async () => {
    const [celeb, fan, other] = [
      await registerUser(h.app, 'celeb'),
      await registerUser(h.app, 'fan'),
      await registerUser(h.app, 'other'),
    ];

    const follow = await request(h.app).post(`${RW}/profiles/${celeb.username}/follow`).set(fan.header);
    const twice = await request(h.app).post(`${RW}/profiles/${celeb.username}/follow`).set(fan.header);
    const seenByFan = await request(h.app).get(`${RW}/profiles/${celeb.username}`).set(fan.header);
    const seenByOther = await request(h.app).get(`${RW}/profiles/${celeb.username}`).set(other.header);
    const unfollow = await request(h.app).delete(`${RW}/profiles/${celeb.username}/follow`).set(fan.header);
    const after = await request(h.app).get(`${RW}/profiles/${celeb.username}`).set(fan.header);

    expect(follow.status).toBe(200);
    expect(follow.body.profile).toMatchObject({ username: celeb.username, following: true });
    expect(twice.body.profile.following).toBe(true);
    expect(seenByFan.body.profile.following).toBe(true);
    expect(seenByOther.body.profile.following).toBe(false);
    expect(unfollow.status).toBe(200);
    expect(unfollow.body.profile.following).toBe(false);
    expect(after.body.profile.following).toBe(false);
  });

  it('answers 404 for an unknown username, 401 to follow without a token, 422 to follow oneself', async () => {
    const user = await registerUser(h.app, 'self');

    const unknown = await request(h.app).get(`${RW}/profiles/nobody-${Date.now()}`);
    const anonymous = await request(h.app).post(`${RW}/profiles/${user.username}/follow`);
    const self = await request(h.app).post(`${RW}/profiles/${user.username}/follow`).set(user.header);

    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ errors: { body: [expect.any(String)] } });
    expect(anonymous.status).toBe(401);
    expect(self.status).toBe(422);
  });
});
