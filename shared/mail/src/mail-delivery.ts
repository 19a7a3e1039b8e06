/**
 * Sending one message from its job: take the send lease (one conditional update, so a redelivered
 * or duplicate job finds it taken and sends nothing), hand it to SMTP, and mark it sent only once
 * SMTP accepted it. A failed send gives the lease back and rethrows, and Bull retries with backoff.
 * Once SMTP has accepted, marking it sent is retried for as long as the lease lasts, so a database
 * outage at that moment does not get the message sent twice. The Message-ID comes from the dedupe
 * key, so in the one window left (the database down for the whole lease, or the process dying) a
 * receiving server can recognise the repeat.
 */
import type { Logger } from '@roadmap/core';
import type { Transporter } from 'nodemailer';
import type { MailStore } from './mail-store.js';

export interface MailJob {
  key: string;
  generation: number;
}

export interface DeliveryDeps {
  store: MailStore;
  transport: Transporter;
  from: string;
  logger: Logger;
  now: () => Date;
  /** How long a sender holds a message; longer than one send can take. */
  leaseMs: number;
  /** The domain part of Message-IDs, e.g. 'blog.example.com'. */
  messageIdDomain: string;
}

/** Thrown when another worker holds the message's send lease: Bull retries later. */
export class MailBusyError extends Error {
  constructor(key: string) {
    super(`mail ${key} is being sent by another worker`);
    this.name = 'MailBusyError';
  }
}

export type DeliveryOutcome = 'sent' | 'already-sent' | 'stale' | 'unknown';

/** The domain of a From address (`Blog <no-reply@blog.local>` -> `blog.local`), for Message-IDs. */
export function messageIdDomainOf(from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1];
  if (!domain) throw new Error(`no domain in the From address ${from}`);
  return domain;
}

export function messageIdFor(key: string, domain: string): string {
  return `<${Buffer.from(key).toString('base64url')}@${domain}>`;
}

/** A failure as stored and shown to operators: the SMTP reply or error code, without a stack. */
export function describeFailure(err: unknown): string {
  if (!(err instanceof Error)) return String(err).slice(0, 300);
  const code = (err as { code?: unknown }).code;
  const response = (err as { response?: unknown }).response;
  const detail = typeof response === 'string' ? response : err.message;
  return `${typeof code === 'string' ? `${code}: ` : ''}${detail}`.slice(0, 300);
}

export async function deliverMail(job: MailJob, deps: DeliveryDeps): Promise<DeliveryOutcome> {
  const { store, transport, from, now } = deps;
  const log = deps.logger.child({ mailKey: job.key, generation: job.generation });
  const current = await store.get(job.key);
  if (!current) {
    log.warn('mail job for an unknown message; dropped');
    return 'unknown';
  }
  if (current.status === 'sent') return 'already-sent';
  if (current.status !== 'pending' || current.generation !== job.generation) return 'stale';

  const startedAt = now();
  // The lease's end in wall-clock time, which bounds how long marking it sent may be retried.
  const leaseEndsAt = Date.now() + deps.leaseMs;
  const mail = await store.claim(job.key, job.generation, startedAt, new Date(startedAt.getTime() + deps.leaseMs));
  if (!mail) {
    const again = await store.get(job.key);
    if (again?.status === 'sent') return 'already-sent';
    throw new MailBusyError(job.key);
  }
  try {
    await transport.sendMail({
      from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      ...(mail.html ? { html: mail.html } : {}),
      messageId: messageIdFor(mail.key, deps.messageIdDomain),
    });
  } catch (err) {
    const reason = describeFailure(err);
    await store.recordFailure(job.key, job.generation, reason, now());
    log.warn({ attempt: mail.attempts, reason }, 'mail not accepted by SMTP; will retry');
    throw err;
  }
  await markSentWhileLeased(deps, job, mail.sensitive === true, leaseEndsAt, log);
  log.info({ attempt: mail.attempts }, 'mail sent');
  return 'sent';
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** SMTP accepted the message: record it, retrying while our lease still keeps other senders off. */
async function markSentWhileLeased(
  deps: DeliveryDeps,
  job: MailJob,
  scrub: boolean,
  leaseEndsAt: number,
  log: Logger,
): Promise<void> {
  for (let wait = 250; ; wait = Math.min(wait * 2, 5000)) {
    try {
      await deps.store.markSent(job.key, job.generation, deps.now(), scrub);
      return;
    } catch (err) {
      // Leave a margin: past the lease another worker may send it again.
      if (Date.now() + wait >= leaseEndsAt - 1000) {
        log.error({ err }, 'mail accepted by SMTP but not marked sent within its lease; it may be sent again');
        throw err;
      }
      log.warn({ err, retryInMs: wait }, 'mail accepted by SMTP; marking it sent failed, retrying');
      await pause(wait);
    }
  }
}
