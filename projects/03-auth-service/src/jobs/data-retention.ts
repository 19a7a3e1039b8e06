/**
 * Deletes what the service no longer needs, since FerretDB has no TTL indexes: ended sessions with
 * their refresh tokens (after a grace period, so replays of their tokens are still detected and
 * audited), used or expired email tokens, MFA tickets and WebAuthn challenges, and audit events
 * past their retention.
 */
import type { Logger } from '@roadmap/core';
import type { AuditEventRepository } from '../modules/audit/index.js';
import type { EmailTokenRepository } from '../modules/auth/index.js';
import type { MfaTicketRepository } from '../modules/mfa/index.js';
import type { WebAuthnChallengeRepository } from '../modules/passkeys/index.js';
import type { SessionRepository } from '../modules/sessions/index.js';

/** The collections the job purges, each through its own repository. */
export interface RetentionStores {
  sessions: SessionRepository;
  emailTokens: EmailTokenRepository;
  mfaTickets: MfaTicketRepository;
  webAuthnChallenges: WebAuthnChallengeRepository;
  auditEvents: AuditEventRepository;
}

export interface RetentionPolicy {
  /** How long an expired or revoked session and its refresh tokens are kept after it ended. */
  endedSessionRetentionMs: number;
  auditRetentionMs: number;
}

export interface PurgeCounts {
  sessions: number;
  refreshTokens: number;
  emailTokens: number;
  mfaTickets: number;
  webAuthnChallenges: number;
  auditEvents: number;
}

export async function purgeExpiredData(
  stores: RetentionStores,
  policy: RetentionPolicy,
  now: Date,
): Promise<PurgeCounts> {
  // Ended families are kept for a while, so replays of their tokens are still detected and audited.
  const families = await stores.sessions.purgeEndedBefore(new Date(now.getTime() - policy.endedSessionRetentionMs));
  // A used or expired email token can never be consumed again: nothing reads it afterwards.
  const emailTokens = await stores.emailTokens.deleteSpent(now);
  // Likewise single-use sign-in tickets and WebAuthn challenges once used or expired.
  const mfaTickets = await stores.mfaTickets.deleteSpent(now);
  const webAuthnChallenges = await stores.webAuthnChallenges.deleteSpent(now);
  const auditEvents = await stores.auditEvents.deleteOlderThan(new Date(now.getTime() - policy.auditRetentionMs));
  return { ...families, emailTokens, mfaTickets, webAuthnChallenges, auditEvents };
}

export interface PeriodicTask {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/** Runs `task` now and then every `intervalMs`, never two runs at once; failures are logged, not thrown. */
export function runPeriodically(
  name: string,
  intervalMs: number,
  task: () => Promise<void>,
  logger: Logger,
): PeriodicTask {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = task()
      .catch((err: unknown) => logger.error({ err, task: name }, 'periodic task failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  // The timer alone must not keep the process alive (shutdown closes it anyway).
  timer.unref();
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

export function startDataRetention(
  stores: RetentionStores,
  policy: RetentionPolicy & { intervalMs: number },
  logger: Logger,
  now: () => Date = () => new Date(),
): PeriodicTask {
  return runPeriodically(
    'data retention',
    policy.intervalMs,
    async () => {
      const counts = await purgeExpiredData(stores, policy, now());
      if (Object.values(counts).some((count) => count > 0)) logger.info({ deleted: counts }, 'purged expired data');
    },
    logger,
  );
}
