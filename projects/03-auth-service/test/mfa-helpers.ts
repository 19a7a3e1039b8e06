/**
 * Second factors for API tests: enrol an authenticator app through the API (the test keeps its
 * secret, as the user's phone would), compute its codes at the test clock's time, and sign in with
 * password + code.
 */
import type { Express } from 'express';
import request from 'supertest';
import { totpCodeAt } from '../src/modules/mfa/index.js';
import type { LoggedIn, RegisteredUser } from './harness.js';

export interface EnrolledTotp {
  secret: string;
  recoveryCodes: string[];
}

/** Starts and confirms TOTP enrolment for the bearer of `accessToken` at the clock's `now`. */
export async function enrolTotp(app: Express, accessToken: string, now: Date): Promise<EnrolledTotp> {
  const started = await request(app).post('/api/v1/auth/mfa/totp').set('Authorization', `Bearer ${accessToken}`);
  if (started.status !== 201)
    throw new Error(`TOTP enrolment failed: ${started.status} ${JSON.stringify(started.body)}`);
  const secret = (started.body as { secret: string }).secret;
  const confirmed = await request(app)
    .post('/api/v1/auth/mfa/totp/confirm')
    .set('Authorization', `Bearer ${accessToken}`)
    .send({ code: totpCodeAt(secret, now) });
  if (confirmed.status !== 200)
    throw new Error(`TOTP confirmation failed: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return { secret, recoveryCodes: (confirmed.body as { recoveryCodes: string[] | null }).recoveryCodes ?? [] };
}

/** POST /login for an account with a second factor: its MFA ticket. */
export async function ticketFor(app: Express, email: string, password: string, ip = '203.0.113.1'): Promise<string> {
  const res = await request(app).post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ email, password });
  if (res.status !== 200 || !res.body.mfaTicket)
    throw new Error(`expected an MFA ticket: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.mfaTicket as string;
}

export function completeLogin(app: Express, body: Record<string, unknown>, ip = '203.0.113.1'): request.Test {
  return request(app).post('/api/v1/auth/login/mfa').set('X-Forwarded-For', ip).send(body);
}

/** Password then TOTP code: the tokens of a session whose amr is ["pwd","otp"]. */
export async function loginWithTotp(app: Express, email: string, password: string, code: string): Promise<LoggedIn> {
  const res = await completeLogin(app, { mfaTicket: await ticketFor(app, email, password), code });
  if (res.status !== 200) throw new Error(`MFA login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return {
    accessToken: res.body.accessToken as string,
    refreshToken: res.body.refreshToken as string,
    cookie: setCookie[0]?.split(';')[0] ?? '',
  };
}

/** The claims of an access token, without verifying it (the tests read what the service wrote). */
export function claimsOf(accessToken: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
}

/**
 * Enrols TOTP for `user` and signs in with password and code half a minute later (a new code): the
 * session of a user who proved a second factor just now, as role changes need.
 */
export async function signInWithFreshTotp(
  app: Express,
  clock: { now(): Date; advance(ms: number): void },
  user: RegisteredUser,
): Promise<LoggedIn & EnrolledTotp> {
  const enrolled = await enrolTotp(app, (await loginWithPassword(app, user)).accessToken, clock.now());
  clock.advance(30_000);
  const session = await loginWithTotp(app, user.email, user.password, totpCodeAt(enrolled.secret, clock.now()));
  return { ...session, ...enrolled };
}

async function loginWithPassword(app: Express, user: RegisteredUser): Promise<{ accessToken: string }> {
  const res = await request(app).post('/api/v1/auth/login').send({ email: user.email, password: user.password });
  if (res.status !== 200 || !res.body.accessToken)
    throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { accessToken: res.body.accessToken as string };
}
