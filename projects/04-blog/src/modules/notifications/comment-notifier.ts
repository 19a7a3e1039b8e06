/**
 * New-comment emails, sent by a Bull job so the comment request never waits for (or fails with)
 * the mail server. Each job id is `${commentId}:${recipient}`: Bull ignores a second add with the
 * same id, so a retried request or a duplicate enqueue never mails twice. Failed sends are retried
 * with exponential backoff; the Message-ID is derived from the job id too, so a receiving server
 * can drop a duplicate should a send succeed but its acknowledgement be lost.
 */
import Queue, { type Job, type Queue as BullQueue } from 'bull';
import type { Logger } from '@roadmap/core';
import nodemailer, { type Transporter } from 'nodemailer';

export interface CommentNotification {
  commentId: string;
  recipient: string;
  postTitle: string;
  postUrl: string;
  commentBody: string;
}

/** What the comment service needs: a way to ask for an email, fast. */
export interface CommentNotifier {
  notify(notification: CommentNotification): Promise<void>;
}

export interface MailQueueOptions {
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

export const MAIL_QUEUE_NAME = 'comment-emails';

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

export class MailQueue implements CommentNotifier {
  readonly queue: BullQueue<CommentNotification>;
  private readonly transport: Transporter;
  private readonly options: MailQueueOptions;

  constructor(options: MailQueueOptions) {
    this.options = options;
    this.queue = new Queue<CommentNotification>(MAIL_QUEUE_NAME, options.redisUrl, { prefix: options.prefix });
    this.transport = nodemailer.createTransport(options.smtpUrl);
    this.queue.on('failed', (job: Job<CommentNotification>, err: Error) => {
      options.logger.warn(
        { err, jobId: job.id, attempt: job.attemptsMade, of: options.attempts },
        'comment email failed; Bull retries it with backoff until attempts run out',
      );
    });
    if (options.worker) {
      void this.queue.process(async (job: Job<CommentNotification>) => {
        const info = await this.transport.sendMail(renderCommentEmail(job.data, options.from));
        options.logger.info({ jobId: job.id, messageId: info.messageId }, 'comment email sent');
      });
    }
  }

  async notify(notification: CommentNotification): Promise<void> {
    await this.queue.add(notification, {
      jobId: notificationJobId(notification.commentId, notification.recipient),
      attempts: this.options.attempts,
      backoff: { type: 'exponential', delay: this.options.backoffMs },
      // Keep finished jobs a while: their ids are what make a later duplicate add a no-op.
      removeOnComplete: { age: 7 * 24 * 3600 },
      removeOnFail: { age: 30 * 24 * 3600 },
    });
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.transport.close();
  }
}
