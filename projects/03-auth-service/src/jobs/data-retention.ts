/**
 * Deletes what the service no longer needs, since FerretDB has no TTL indexes: ended sessions with
 * their refresh tokens (after a grace period, so replays of their tokens are still detected and
 * audited), used or expired email tokens, and audit events past their retention.
 */
import type { Logger } from '@roadmap/core';
import type { Types } from 'mongoose';
import type { AuthModels } from '../models.js';

export interface RetentionPolicy {
  /** How long an expired or revoked session and its refresh tokens are kept after it ended. */
  endedSessionRetentionMs: number;
  auditRetentionMs: number;
}

export interface PurgeCounts {
  sessions: number;
  refreshTokens: number;
  emailTokens: number;
  auditEvents: number;
}

/** Families are deleted in batches so one run never builds an unbounded `$in` list. */
const SESSION_BATCH = 500;

export async function purgeExpiredData(models: AuthModels, policy: RetentionPolicy, now: Date): Promise<PurgeCounts> {
  const sessionCutoff = new Date(now.getTime() - policy.endedSessionRetentionMs);
  const counts: PurgeCounts = { sessions: 0, refreshTokens: 0, emailTokens: 0, auditEvents: 0 };

  // A family is kept whole: deleting only its used tokens would turn a replay of one into an
  // "unknown token" instead of reuse detection that revokes the family.
  const endedFamily = { $or: [{ expiresAt: { $lte: sessionCutoff } }, { revokedAt: { $lte: sessionCutoff } }] };
  for (;;) {
    const batch = await models.Session.find(endedFamily).select('_id').limit(SESSION_BATCH).lean();
    if (batch.length === 0) break;
    const ids: Types.ObjectId[] = batch.map((session) => session._id);
    // Tokens first: if the run stops in between, the next run still finds their sessions.
    counts.refreshTokens += (await models.RefreshToken.deleteMany({ sessionId: { $in: ids } })).deletedCount;
    counts.sessions += (await models.Session.deleteMany({ _id: { $in: ids } })).deletedCount;
    if (batch.length < SESSION_BATCH) break;
  }

  // A used or expired email token can never be consumed again: nothing reads it afterwards.
  const deadEmailTokens = { $or: [{ expiresAt: { $lte: now } }, { usedAt: { $lte: now } }] };
  counts.emailTokens = (await models.EmailToken.deleteMany(deadEmailTokens)).deletedCount;

  const auditCutoff = new Date(now.getTime() - policy.auditRetentionMs);
  counts.auditEvents = (await models.AuditEvent.deleteMany({ createdAt: { $lt: auditCutoff } })).deletedCount;
  return counts;
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
  models: AuthModels,
  policy: RetentionPolicy & { intervalMs: number },
  logger: Logger,
  now: () => Date = () => new Date(),
): PeriodicTask {
  return runPeriodically(
    'data retention',
    policy.intervalMs,
    async () => {
      const counts = await purgeExpiredData(models, policy, now());
      if (Object.values(counts).some((count) => count > 0)) logger.info({ deleted: counts }, 'purged expired data');
    },
    logger,
  );
}
