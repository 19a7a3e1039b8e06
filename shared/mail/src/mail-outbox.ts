/**
 * The mail path of a project. A request records the owed message with its business write and
 * returns; the rest happens in the background and never holds a request on Redis: the message is
 * queued (a Bull job per message and generation, so a repeated add is a no-op), a worker sends it
 * (mail-delivery.ts), and a periodic sweep relays owed mail a crash left in business documents,
 * queues what was recorded while Redis was down, re-queues jobs Redis lost, and marks failed the
 * messages whose retries ran out while nobody was listening.
 */
import { addJob, closeQueue, openQueue, type QueueRedis } from '@roadmap/redis';
import { BackgroundWork, type Logger } from '@roadmap/core';
import type { Job, Queue } from 'bull';
import type { Transporter } from 'nodemailer';

import { deliverMail, describeFailure, type DeliveryOutcome, type MailJob } from './mail-delivery.js';
import type { MailStatus, MailStore, OwedMail, StoredMail } from './mail-store.js';
import { DEFAULT_MAIL_RETRY, MAIL_BACKOFF, retryDelay, type MailRetryPolicy } from './retry-policy.js';

/** Where owed mail waits inside business documents until it is relayed to the store (see mongo/). */
export interface OwedMailSource {
  name: string;
  /** Moves owed mail into the store: of one document (`id`), or of all recorded before `olderThan`. */
  /**
   * `now` is the mail path's clock: the store records a relayed message as of then, so the sweep's
   * "not queued for enqueueAfterMs" counts from the relay by the same clock the sweep reads, whatever
   * clock the business write used.
   */
  relay(scope: ({ id: unknown } | { olderThan: Date; limit: number }) & { now: Date }): Promise<string[]>;
}

export interface SweepSettings {
  intervalMs: number;
  /** Left to the request's own background enqueue for this long before the sweep queues it. */
  enqueueAfterMs: number;
  /** A queued, still pending message is checked against its job this often (Redis may lose it). */
  recheckAfterMs: number;
  batch: number;
  /** Sent messages are deleted after this long (0 keeps them). */
  keepSentMs: number;
}

export const DEFAULT_SWEEP: SweepSettings = {
  intervalMs: 30_000,
  enqueueAfterMs: 10_000,
  recheckAfterMs: 10 * 60_000,
  batch: 200,
  keepSentMs: 30 * 24 * 3600_000,
};

export interface MailOutboxOptions {
  store: MailStore;
  redis: QueueRedis;
  /** Bull key prefix (tests pass their isolated one). */
  prefix: string;
  logger: Logger;
  queueName?: string;
  retry?: Partial<MailRetryPolicy>;
  sweep?: Partial<SweepSettings>;
  sources?: OwedMailSource[];
  /** The deadline of one queue add. */
  enqueueTimeoutMs?: number;
  now?: () => Date;
}

export interface WorkerOptions {
  transport: Transporter;
  from: string;
  messageIdDomain: string;
  concurrency?: number;
  /** Longer than one send can take (see `longestSendMs`). */
  leaseMs?: number;
}

export interface DeliveryOptions extends WorkerOptions {
  /** Run the periodic sweep too (default true); one process per deployment is enough, more are harmless. */
  sweep?: boolean;
}

export interface SweepReport {
  relayed: number;
  queued: number;
  markedFailed: number;
  purged: number;
}

export class MailOutbox {
  readonly queue: Queue<MailJob>;
  private readonly retry: MailRetryPolicy;
  private readonly sweepSettings: SweepSettings;
  private readonly now: () => Date;
  private readonly background: BackgroundWork;
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweeping: Promise<SweepReport> | undefined;

  constructor(private readonly options: MailOutboxOptions) {
    this.retry = { ...DEFAULT_MAIL_RETRY, ...options.retry };
    this.sweepSettings = { ...DEFAULT_SWEEP, ...options.sweep };
    this.now = options.now ?? (() => new Date());
    this.background = new BackgroundWork(options.logger);
    this.queue = openQueue<MailJob>(options.queueName ?? 'mail', {
      redis: options.redis,
      prefix: options.prefix,
      logger: options.logger,
      settings: {
        backoffStrategies: { [MAIL_BACKOFF]: (attemptsMade: number) => retryDelay(this.retry, attemptsMade) },
      },
    });
  }

  get store(): MailStore {
    return this.options.store;
  }

  /** Records a message outside any business document (its own write), then queues it in the background. */
  async record(mail: OwedMail): Promise<void> {
    await this.options.store.insert(mail, this.now());
    this.enqueueSoon(mail.key);
  }

  /** Queues a recorded message without making anyone wait (e.g. after a PostgreSQL commit). */
  enqueueSoon(key: string): void {
    this.background.run(`enqueue ${key}`, () => this.enqueue(key));
  }

  /** Relays the owed mail of one business document just written, and queues it, in the background. */
  relaySoon(sourceName: string, id: unknown): void {
    const source = this.source(sourceName);
    this.background.run(`relay ${sourceName}`, async () => {
      for (const key of await source.relay({ id, now: this.now() })) await this.enqueue(key);
    });
  }

  /** Adds the message's job (bounded wait); false when the message is not pending. */
  async enqueue(key: string): Promise<boolean> {
    const mail = await this.options.store.get(key);
    if (!mail || mail.status !== 'pending') return false;
    await addJob(this.queue, { key, generation: mail.generation }, this.jobOptions(mail));
    await this.options.store.markQueued(key, this.now());
    return true;
  }

  startWorker({ transport, from, messageIdDomain, concurrency = 5, leaseMs = 60_000 }: WorkerOptions): void {
    const deps = { store: this.options.store, transport, from, logger: this.options.logger, now: this.now };
    void this.queue.process(concurrency, (job: Job<MailJob>) =>
      deliverMail(job.data, { ...deps, leaseMs, messageIdDomain }),
    );
    this.queue.on('failed', (job: Job<MailJob>, err: Error) => {
      if (job.attemptsMade < (job.opts.attempts ?? 1)) return;
      this.background.run(`mark failed ${job.data.key}`, async () => {
        await this.options.store.markFailed(job.data.key, job.data.generation, describeFailure(err), this.now());
      });
    });
    // Mail recorded while Redis was down goes out as soon as it is back, not at the next sweep. The
    // request's own enqueue failed then, so nothing is left to it: queue whatever is owed, however new.
    this.options.redis.client.on('ready', () =>
      this.background.run('sweep on reconnect', () => this.sweep({ eager: true })),
    );
  }

  /** The worker and (unless `sweep: false`) the sweeper: what a process that delivers mail starts. */
  startDelivery({ sweep = true, ...worker }: DeliveryOptions): void {
    this.startWorker(worker);
    if (sweep) this.startSweeper();
  }

  startSweeper(): void {
    this.sweepTimer ??= setInterval(() => {
      this.background.run('sweep', () => this.sweep());
    }, this.sweepSettings.intervalMs);
    this.sweepTimer.unref();
  }

  /**
   * One sweep (one at a time); see the file header. `eager` also takes what was recorded just now,
   * which a request is usually still queueing itself (harmless: a second add of a job id is a no-op).
   */
  sweep({ eager = false }: { eager?: boolean } = {}): Promise<SweepReport> {
    // An eager sweep asked for during a periodic one runs right after it, not folded into it.
    if (eager && this.sweeping) return this.sweeping.then(() => this.sweep({ eager }));
    this.sweeping ??= this.sweepOnce(eager).finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  /** A manual retry of a failed message: a new generation, queued now. Null if it was not failed. */
  async retryFailed(key: string): Promise<StoredMail | null> {
    const reopened = await this.options.store.reopen(key, this.now());
    if (reopened) this.enqueueSoon(key);
    return reopened;
  }

  list(filter: { status?: MailStatus; limit?: number } = {}): Promise<StoredMail[]> {
    return this.options.store.list({ status: filter.status, limit: filter.limit ?? 100 });
  }

  /** Stops the sweeper, lets background work finish (bounded), closes the queue. */
  async close(timeoutMs = 5000): Promise<void> {
    clearInterval(this.sweepTimer);
    await this.background.drain(timeoutMs);
    await closeQueue(this.queue, timeoutMs);
  }

  /** Settles once everything started in the background so far has finished (for tests and shutdown). */
  idle(timeoutMs = 5000): Promise<void> {
    return this.background.drain(timeoutMs);
  }

  private source(name: string): OwedMailSource {
    const source = this.options.sources?.find((s) => s.name === name);
    if (!source) throw new Error(`no owed-mail source named ${name}`);
    return source;
  }

  private jobOptions(mail: StoredMail) {
    return {
      jobId: `mail:${mail.key}:${mail.generation}`,
      attempts: this.retry.attempts,
      backoff: { type: MAIL_BACKOFF },
      timeoutMs: this.options.enqueueTimeoutMs ?? 1500,
      // Finished jobs stay a while: their ids are what make a later duplicate add a no-op.
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: { age: 30 * 24 * 3600 },
    };
  }

  private async sweepOnce(eager: boolean): Promise<SweepReport> {
    const now = this.now();
    const report: SweepReport = { relayed: 0, queued: 0, markedFailed: 0, purged: 0 };
    const { batch, recheckAfterMs, keepSentMs } = this.sweepSettings;
    const enqueueAfterMs = eager ? 0 : this.sweepSettings.enqueueAfterMs;
    for (const source of this.options.sources ?? []) {
      const olderThan = new Date(now.getTime() - enqueueAfterMs);
      report.relayed += (await source.relay({ olderThan, limit: batch, now })).length;
    }
    const due = await this.options.store.findDue({
      unqueuedBefore: new Date(now.getTime() - enqueueAfterMs),
      queuedBefore: new Date(now.getTime() - recheckAfterMs),
      limit: batch,
    });
    try {
      for (const mail of due) await this.sweepOne(mail, now, report);
    } catch (err) {
      // Redis is most likely still down: the rest waits for the next sweep (or the reconnect).
      this.options.logger.warn({ err, due: due.length }, 'mail sweep stopped early');
    }
    if (keepSentMs > 0) report.purged = await this.options.store.purgeSent(new Date(now.getTime() - keepSentMs));
    return report;
  }

  private async sweepOne(mail: StoredMail, now: Date, report: SweepReport): Promise<void> {
    const job = mail.queuedAt ? await this.queue.getJob(`mail:${mail.key}:${mail.generation}`) : null;
    if (job && (await job.isFailed())) {
      const failed = await this.options.store.markFailed(mail.key, mail.generation, job.failedReason ?? 'failed', now);
      if (failed) report.markedFailed += 1;
    } else if (job) {
      await this.options.store.markQueued(mail.key, now);
    } else if (await this.enqueue(mail.key)) {
      report.queued += 1;
    }
  }
}

export type { DeliveryOutcome };
