/**
 * The SMTP-outage scenario, shared by the test (seconds, quick retries) and scripts/smtp-outage.ts
 * (the real two minutes with the default retry policy): messages are recorded before and during an
 * outage of the mail server, which then comes back; it reports how many were owed, delivered,
 * duplicated and lost.
 */
import type { Logger } from '@roadmap/core';
import { waitFor } from '@roadmap/testing';
import type { MailRetryPolicy } from '../../src/retry-policy.js';
import type { SweepSettings } from '../../src/mail-outbox.js';
import { startMailRig } from './mail-rig.js';

export interface OutageOptions {
  logger: Logger;
  messages: number;
  outageMs: number;
  retry?: Partial<MailRetryPolicy>;
  sweep?: Partial<SweepSettings>;
  /** How long after the outage every message must have arrived. */
  settleMs: number;
}

export interface OutageReport {
  owed: number;
  delivered: number;
  duplicated: number;
  lost: number;
  /** From the end of the outage to the last delivery. */
  catchUpMs: number;
}

export async function runSmtpOutage({
  logger,
  messages,
  outageMs,
  retry,
  sweep,
  settleMs,
}: OutageOptions): Promise<OutageReport> {
  const rig = await startMailRig({ logger, ...(retry ? { retry } : {}), ...(sweep ? { sweep } : {}) });
  const keys = Array.from({ length: messages }, (_, i) => `outage:${i}`);
  const record = (key: string) =>
    rig.outbox.record({
      key,
      to: `reader+${key.replace(':', '-')}@example.test`,
      subject: `Message ${key}`,
      text: key,
    });
  try {
    const half = Math.floor(messages / 2);
    rig.smtpProxy.cut();
    for (const key of keys.slice(0, half)) await record(key);
    // The rest are recorded while the outage goes on.
    await new Promise((resolve) => setTimeout(resolve, outageMs / 2));
    for (const key of keys.slice(half)) await record(key);
    await new Promise((resolve) => setTimeout(resolve, outageMs / 2));
    rig.smtpProxy.restore();
    const restoredAt = Date.now();
    await waitFor(async () => (await rig.store.list({ status: 'sent', limit: messages + 1 })).length === messages, {
      timeoutMs: settleMs,
      intervalMs: 100,
      description: 'every message to be marked sent',
    }).catch(() => undefined);
    const catchUpMs = Date.now() - restoredAt;
    const counts = keys.map((key) => rig.received(key).length);
    return {
      owed: messages,
      delivered: counts.filter((n) => n >= 1).length,
      duplicated: counts.filter((n) => n > 1).length,
      lost: counts.filter((n) => n === 0).length,
      catchUpMs,
    };
  } finally {
    await rig.close();
  }
}
