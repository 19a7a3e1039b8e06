/** A periodic Bull job every service runs: prune published outbox rows and old inbox records. */
import type { Logger } from '@roadmap/core';
import type Bull from 'bull';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.js';
import { scheduleRepeatable } from '../jobs.js';
import { pruneMessaging } from './outbox.js';

const DAY = 24 * 3600 * 1000;

export interface MaintenanceSettings {
  /** Published events are kept this long for inspection. */
  outboxRetentionDays: number;
  /** Handled-event ids must outlive any redelivery; keep them long. */
  inboxRetentionDays: number;
}

export const DEFAULT_MAINTENANCE: MaintenanceSettings = { outboxRetentionDays: 7, inboxRetentionDays: 30 };

export async function startMessagingMaintenance<DB>(
  queue: Bull.Queue<{ prune: true }>,
  db: Kysely<DB>,
  clock: Clock,
  logger: Logger,
  everyMs = 3600 * 1000,
  settings = DEFAULT_MAINTENANCE,
): Promise<void> {
  void queue.process(async () => {
    const now = clock.now().getTime();
    const pruned = await pruneMessaging(db, {
      publishedBefore: new Date(now - settings.outboxRetentionDays * DAY),
      handledBefore: new Date(now - settings.inboxRetentionDays * DAY),
    });
    logger.info({ pruned }, 'outbox and inbox pruned');
    return pruned;
  });
  await scheduleRepeatable(queue, { prune: true }, everyMs);
}
