/**
 * New-comment emails, sent by a Bull job so the comment request never waits for (or fails with)
 * the mail server. Each job id is `${commentId}:${recipient}`: Bull ignores a second add with the
 * same id, so a retried request or a duplicate enqueue never mails twice. Failed sends are retried
 * with exponential backoff; the Message-ID is derived from the job id too, so a receiving server
 * can drop a duplicate should a send succeed but its acknowledgement be lost.
 */
import Queue, { type Job, type Queue as BullQueue } from 'bull';
import type { Logger } from '@roadmap/core';
import nodemailer from 'nodemailer';
import type { CommentNotification, CommentNotifier } from '../modules/comments/index.js';

export const COMMENT_EMAIL_QUEUE = 'comment-emails';

export interface CommentEmailOptions {
  redisUrl: string;
  /** Bull key prefix (tests pass their isolated Redis prefix). */
  prefix: string;
  smtpUrl: string;
  from: string;
  attempts: number;
  backoffMs: number;
  logger: Logger;
  /** Process jobs in this process. */
  worker: boolean;
}

/** The queue of comment emails: the comment service's notifier, and (with `worker`) its processor. */
export interface CommentEmails extends CommentNotifier {
  readonly queue: BullQueue<CommentNotification>;
  close(): Promise<void>;
}

export function notificationJobId(commentId: string, recipient: string): string {
  return `${commentId}:${recipient.toLowerCase()}`;
}

export function renderCommentEmail(n: CommentNotification, from: string) {
  const excerpt = n.commentBody.length > 500 ? `${n.commentBody.slice(0, 500)}...` : n.commentBody;
  return {
    from,
    to: n.recipient,
    // Titles are user text: keep them on one line in the header.
    subject: `New comment on "${n.postTitle.replace(/[\r\n]+/g, ' ')}"`,
    text: `Someone commented on your post "${n.postTitle}":\n\n${excerpt}\n\nRead it: ${n.postUrl}\n`,
    messageId: `<comment-${n.commentId}.${Buffer.from(n.recipient).toString('hex')}@blog.local>`,
  };
}

export function startCommentEmails(options: CommentEmailOptions): CommentEmails {
  const { logger } = options;
  const queue = new Queue<CommentNotification>(COMMENT_EMAIL_QUEUE, options.redisUrl, { prefix: options.prefix });
  const transport = nodemailer.createTransport(options.smtpUrl);
  queue.on('failed', (job: Job<CommentNotification>, err: Error) => {
    logger.warn(
      { err, jobId: job.id, attempt: job.attemptsMade, of: options.attempts },
      'comment email failed; Bull retries it with backoff until attempts run out',
    );
  });
  if (options.worker) {
    queue
      .process(async (job: Job<CommentNotification>) => {
        const info = await transport.sendMail(renderCommentEmail(job.data, options.from));
        logger.info({ jobId: job.id, messageId: info.messageId }, 'comment email sent');
      })
      // Settles only when processing stops; a close during start-up rejects it, which is no fault.
      .catch((err: unknown) => logger.warn({ err }, 'comment email worker stopped'));
  }
  return {
    queue,
    async notify(notification) {
      await queue.add(notification, {
        jobId: notificationJobId(notification.commentId, notification.recipient),
        attempts: options.attempts,
        backoff: { type: 'exponential', delay: options.backoffMs },
        // Keep finished jobs a while: their ids are what make a later duplicate add a no-op.
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: { age: 30 * 24 * 3600 },
      });
    },
    async close() {
      await queue.close();
      transport.close();
    },
  };
}
