/**
 * The data-retention job against the real database, with the harness clock: what it deletes, and
 * what it must keep (live families whole, ended ones for a grace period, live email tokens, recent
 * audit events).
 */
import { expectProblem, uniqueEmail } from '@roadmap/testing';
import { Types } from 'mongoose';
import request from 'supertest';
import { purgeExpiredData, type RetentionPolicy } from '../src/jobs/data-retention.js';
import { EmailTokens } from '../src/modules/auth/index.js';
import { login, refreshWith, registerUser, useAuthHarness, type Harness } from './harness.js';

const DAY = 24 * 60 * 60 * 1000;
const policy: RetentionPolicy = { endedSessionRetentionMs: 7 * DAY, auditRetentionMs: 90 * DAY };

const h = useAuthHarness('auth_retention');

const refresh = (refreshToken: string) => refreshWith(h.app, refreshToken);
const purge = () => purgeExpiredData(h.repositories, policy, h.clock.now());

/** A user with one session whose first refresh token has been used (rotated once). */
async function rotatedSession(on: Harness = h) {
  const user = await registerUser(on.app, uniqueEmail());
  const { refreshToken: first } = await login(on.app, user.email);
  const rotated = await refreshWith(on.app, first);
  expect(rotated.status).toBe(200);
  const session = await on.models.Session.findOne({ userId: user.id }).orFail();
  return { user, first, current: rotated.body.refreshToken as string, sessionId: session._id };
}

const familyRecords = async (sessionId: Types.ObjectId, on: Harness = h) => ({
  sessions: await on.models.Session.countDocuments({ _id: sessionId }),
  refreshTokens: await on.models.RefreshToken.countDocuments({ sessionId }),
});

const reuseEvents = (sessionId: Types.ObjectId) =>
  h.models.AuditEvent.countDocuments({ type: 'refresh.reuse_detected', 'details.sessionId': sessionId.toString() });

describe('sessions and refresh tokens', () => {
  it('keeps a live family whole, so replaying its used token after a run still revokes the family', async () => {
    const { first, current, sessionId } = await rotatedSession();

    await purge();

    expect(await familyRecords(sessionId)).toEqual({ sessions: 1, refreshTokens: 2 });
    expectProblem(await refresh(first), 401);
    expect(await reuseEvents(sessionId)).toBe(1);
    expectProblem(await refresh(current), 401);
  });

  it('keeps an expired family during the grace period, so a replay of its used token is still detected', async () => {
    const { first, sessionId } = await rotatedSession();
    h.clock.advance(h.settings.refreshTokenTtlMs + policy.endedSessionRetentionMs - 60_000);

    await purge();

    expect(await familyRecords(sessionId)).toEqual({ sessions: 1, refreshTokens: 2 });
    expectProblem(await refresh(first), 401);
    expect(await reuseEvents(sessionId)).toBe(1);
  });

  it('deletes a revoked family once the grace period after its revocation has passed, not before', async () => {
    const { current, sessionId } = await rotatedSession();
    await request(h.app).post('/api/v1/auth/logout').send({ refreshToken: current }).expect(204);

    h.clock.advance(policy.endedSessionRetentionMs - 60_000);
    await purge();
    expect(await familyRecords(sessionId)).toEqual({ sessions: 1, refreshTokens: 2 });

    h.clock.advance(60_001);
    await purge();
    expect(await familyRecords(sessionId)).toEqual({ sessions: 0, refreshTokens: 0 });
  });
});

describe('email tokens', () => {
  it('deletes used, superseded and expired email tokens and keeps the live one, which still works', async () => {
    const tokens = new EmailTokens(
      h.repositories.emailTokens,
      { 'verify-email': DAY, 'reset-password': 30 * 60_000 },
      h.clock.now,
    );
    /** Issues a token and answers it as its email would carry it. */
    const issue = async (userId: Types.ObjectId, purpose: 'verify-email' | 'reset-password') => {
      let token = '';
      await tokens.issue(userId, purpose, (issued) => {
        token = issued;
        return { to: 'someone@example.test', subject: purpose, text: issued };
      });
      return token;
    };
    const [ann, bob, cy] = [new Types.ObjectId(), new Types.ObjectId(), new Types.ObjectId()];
    await issue(bob, 'reset-password');
    h.clock.advance(30 * 60_000 + 1);
    await issue(ann, 'verify-email');
    const live = await issue(ann, 'verify-email');
    expect(await tokens.consume(await issue(cy, 'verify-email'), 'verify-email')).toEqual(cy);

    await purge();

    expect(await h.models.EmailToken.countDocuments({ userId: { $in: [ann, bob, cy] } })).toBe(1);
    expect(await tokens.consume(live, 'verify-email')).toEqual(ann);
  });
});

describe('MFA tickets and WebAuthn challenges', () => {
  it('deletes used and expired ones, and keeps a live one usable', async () => {
    const userId = new Types.ObjectId();
    const now = h.clock.now();
    const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
    const ticket = (ticketHash: string, expiresAt: Date, usedAt: Date | null = null) => ({
      ticketHash,
      userId,
      amr: ['pwd'],
      createdAt: minutes(-10),
      expiresAt,
      usedAt,
    });
    await h.models.MfaTicket.create([
      ticket(`expired-${userId}`, minutes(-1)),
      ticket(`used-${userId}`, minutes(4), minutes(-2)),
      ticket(`live-${userId}`, minutes(4)),
    ]);
    const challenges = h.repositories.webAuthnChallenges;
    await challenges.create(`expired-${userId}`, 'sign-in', null, minutes(-10), 5 * 60_000);
    await challenges.create(`used-${userId}`, 'sign-in', null, now, 5 * 60_000);
    await challenges.use(`used-${userId}`, 'sign-in', null, now);
    await challenges.create(`live-${userId}`, 'sign-in', null, now, 5 * 60_000);

    await purge();

    expect((await h.models.MfaTicket.find({ userId })).map((t) => t.ticketHash)).toEqual([`live-${userId}`]);
    const left = await h.models.WebAuthnChallenge.find({ challenge: new RegExp(String(userId)) });
    expect(left.map((c) => c.challenge)).toEqual([`live-${userId}`]);
    expect(await challenges.use(`live-${userId}`, 'sign-in', null, now)).toBe(true);
  });
});

describe('audit events', () => {
  it('deletes audit events older than the retention and keeps the younger ones', async () => {
    const userId = new Types.ObjectId().toString();
    const at = (ageMs: number) => new Date(h.clock.now().getTime() - ageMs);
    await h.models.AuditEvent.create([
      { type: 'login.failed', userId, createdAt: at(policy.auditRetentionMs + 60_000) },
      { type: 'login.succeeded', userId, createdAt: at(policy.auditRetentionMs - 60_000) },
    ]);

    await purge();

    const kept = await h.models.AuditEvent.find({ userId });
    expect(kept.map((event) => event.type)).toEqual(['login.succeeded']);
  });
});

describe('an expired family, in a database of its own so the counts are exact', () => {
  const own = useAuthHarness('auth_retention_expired');

  it('deletes the family with all its refresh tokens once the grace period has passed', async () => {
    const ended = await rotatedSession(own);
    own.clock.advance(own.settings.refreshTokenTtlMs + policy.endedSessionRetentionMs + 1);
    const live = await rotatedSession(own);

    const counts = await purgeExpiredData(own.repositories, policy, own.clock.now());

    expect(await familyRecords(ended.sessionId, own)).toEqual({ sessions: 0, refreshTokens: 0 });
    expect(counts).toMatchObject({ sessions: 1, refreshTokens: 2 });
    expect(await familyRecords(live.sessionId, own)).toEqual({ sessions: 1, refreshTokens: 2 });
    expect((await refreshWith(own.app, live.current)).status).toBe(200);
  });
});
