/**
 * What the mail path stores per message, and the store interface its MongoDB and PostgreSQL
 * implementations share. Every state change is one conditional update on one record, so two
 * workers (a redelivered job, a second instance) can never both send, and a job for an older
 * generation (before a manual retry) does nothing.
 */

/** A message owed to someone, rendered when it was recorded. */
export interface OwedMail {
  /** The dedupe key: one message per key, ever, e.g. `comment:<commentId>:<recipient>`. */
  key: string;
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  /** The body holds a secret (a sign-in or reset link): it is erased once the message is sent. */
  sensitive?: boolean | undefined;
}

export type MailStatus = 'pending' | 'sent' | 'failed';

export interface StoredMail extends OwedMail {
  status: MailStatus;
  /** Bumped by a manual retry; the Bull job id carries it, so each generation is its own job. */
  generation: number;
  /** SMTP attempts made in this generation. */
  attempts: number;
  lastError?: string | undefined;
  recordedAt: Date;
  /** When it was last handed to the queue; unset while it is recorded but not queued. */
  queuedAt?: Date | undefined;
  /** A worker is sending it until then; another must not. */
  leaseUntil?: Date | undefined;
  sentAt?: Date | undefined;
  failedAt?: Date | undefined;
}

export interface DueQuery {
  /** Recorded but never queued, and recorded before this. */
  unqueuedBefore: Date;
  /** Queued before this and still pending: check its job still exists. */
  queuedBefore: Date;
  limit: number;
}

export interface MailStore {
  /** Records the message; false (and no change) when its key is already recorded. */
  insert(mail: OwedMail, now: Date): Promise<boolean>;
  get(key: string): Promise<StoredMail | null>;
  markQueued(key: string, now: Date): Promise<void>;
  /** Takes the send lease of a pending message of this generation nobody is sending; null if not free. */
  claim(key: string, generation: number, now: Date, leaseUntil: Date): Promise<StoredMail | null>;
  /** pending -> sent for the lease holder's generation; erases the body when `scrub`. */
  markSent(key: string, generation: number, now: Date, scrub: boolean): Promise<boolean>;
  /** Notes a failed attempt and gives the lease back. */
  recordFailure(key: string, generation: number, error: string, now: Date): Promise<void>;
  /** pending -> failed once the retries of this generation are spent. */
  markFailed(key: string, generation: number, error: string, now: Date): Promise<boolean>;
  /** failed -> pending with the next generation, for a manual retry; null if it was not failed. */
  reopen(key: string, now: Date): Promise<StoredMail | null>;
  findDue(query: DueQuery): Promise<StoredMail[]>;
  list(filter: { status?: MailStatus | undefined; limit: number }): Promise<StoredMail[]>;
  /** Deletes sent messages older than `before`; returns how many. */
  purgeSent(before: Date): Promise<number>;
}
