/**
 * Builds the auth service's services from its repositories and dependencies, each given what it
 * uses by name (createApp mounts their routes). Features that need each other both ways meet here
 * through ports: sign-in asks the mfa feature for a ticket (SecondFactorGate), sessions ask it
 * whether a user must enrol first (EnrolmentRule), passkeys ask it whether a factor may change.
 */
import { AccessTokenIssuer } from '@roadmap/auth';
import { BackgroundWork } from '@roadmap/core';
import type { AuthAppDeps, Repositories } from './app.js';
import { accountEmails } from './jobs/account-email.js';
import { AuditLog } from './modules/audit/index.js';
import { AccountService, EmailTokens, FailedLogins, LoginLockout, PasswordSignIn } from './modules/auth/index.js';
import { createKeyRingVerifier } from './modules/keys/index.js';
import { MfaPolicy, MfaSignIn, RecoveryCodes, SecondFactors, SecretBox, TotpEnrolment } from './modules/mfa/index.js';
import { PasskeyAssertions, PasskeyService } from './modules/passkeys/index.js';
import { SessionService, SessionTokens } from './modules/sessions/index.js';
import { UserAdminService } from './modules/users/index.js';

export function buildServices(deps: AuthAppDeps, repositories: Repositories, now: () => Date) {
  const { settings, logger, redis } = deps;
  const audit = new AuditLog(repositories.auditEvents, logger, now);
  // The current key listed as a previous one too (mid-rotation slip) would be published twice.
  const previousPublicKeys = (deps.previousPublicKeys ?? []).filter((key) => key.kid !== deps.signingKey.kid);
  const issuer = new AccessTokenIssuer({
    key: deps.signingKey,
    issuer: settings.issuer,
    audience: settings.audience,
    ttlSeconds: settings.accessTokenTtlSeconds,
    previousPublicKeys,
  });
  const keyRing = {
    current: deps.signingKey,
    previous: previousPublicKeys,
    issuer: settings.issuer,
    audience: settings.audience,
  };
  const verifier = createKeyRingVerifier(keyRing);
  const enrolmentVerifier = createKeyRingVerifier({ ...keyRing, acceptMfaEnrolmentTokens: true });
  const sessions = new SessionService({
    sessions: repositories.sessions,
    users: repositories.users,
    audit,
    refreshTokenTtlMs: settings.refreshTokenTtlMs,
    refreshReuseGraceMs: settings.refreshReuseGraceMs,
    now,
  });
  const emailTokens = new EmailTokens(
    repositories.emailTokens,
    { 'verify-email': settings.emailTokenTtlMs.verifyEmail, 'reset-password': settings.emailTokenTtlMs.resetPassword },
    now,
  );
  const lockoutOf = (namespace: string) =>
    new LoginLockout({
      redis,
      keyPrefix: `${deps.redisPrefix}${namespace}`,
      pairPolicy: settings.pairLockout,
      accountPolicy: settings.accountLockout,
    });
  const failedLogins = new FailedLogins(lockoutOf(''), audit);

  const box = new SecretBox(settings.mfa.encryptionKey);
  const assertions = new PasskeyAssertions({
    passkeys: repositories.passkeys,
    challenges: repositories.webAuthnChallenges,
    relyingParty: settings.mfa.relyingParty,
    audit,
    now,
  });
  const factors = new SecondFactors({
    totp: repositories.totpFactors,
    recoveryCodes: repositories.recoveryCodes,
    passkeys: repositories.passkeys,
    assertions,
    box,
    // Same rules as the password lockout, counted apart: wrong codes never lock out a password.
    failedCodes: new FailedLogins(lockoutOf('mfa-'), audit, 'second-factor'),
    audit,
    mail: deps.mail,
    now,
  });
  const recoveryCodes = new RecoveryCodes({ codes: repositories.recoveryCodes, box, audit, now });
  const policy = new MfaPolicy({
    factors,
    recoveryCodes,
    sessions,
    users: repositories.users,
    requiredRoles: settings.mfa.requiredRoles,
    stepUpMaxAgeSeconds: settings.mfa.stepUpMaxAgeSeconds,
    now,
  });
  const tokens = new SessionTokens({ sessions, issuer, enrolment: policy });
  const mfaSignIn = new MfaSignIn({
    tickets: repositories.mfaTickets,
    factors,
    assertions,
    users: repositories.users,
    tokens,
    audit,
    ticketTtlMs: settings.mfa.ticketTtlMs,
    maxTicketFailures: settings.mfa.maxTicketFailures,
    now,
  });
  return {
    audit,
    issuer,
    verifier,
    enrolmentVerifier,
    sessions,
    tokens,
    policy,
    mfaSignIn,
    recoveryCodes,
    signIn: new PasswordSignIn({
      users: repositories.users,
      hasher: deps.hasher,
      failedLogins,
      tokens,
      secondFactor: mfaSignIn,
      now,
    }),
    account: new AccountService({
      users: repositories.users,
      hasher: deps.hasher,
      sessions,
      failedLogins,
      emailTokens,
      audit,
      accountEmails: accountEmails({
        emailTokens,
        mail: deps.mail,
        background: deps.background ?? new BackgroundWork(logger),
        publicUrl: settings.publicUrl,
      }),
      now,
    }),
    totpEnrolment: new TotpEnrolment({
      totp: repositories.totpFactors,
      users: repositories.users,
      box,
      policy,
      audit,
      issuerName: settings.mfa.issuerName,
      now,
    }),
    passkeys: new PasskeyService({
      passkeys: repositories.passkeys,
      challenges: repositories.webAuthnChallenges,
      users: repositories.users,
      relyingParty: settings.mfa.relyingParty,
      guard: policy,
      audit,
      now,
    }),
    admin: new UserAdminService({ users: repositories.users, sessions, audit }),
  };
}
