/**
 * The blog's mail path: comment emails are written with their comment, relayed to `mail_messages`,
 * and delivered by Bull jobs on the shared mail queue (see @roadmap/mail). The server and the tests
 * open it the same way; the server also starts delivery where MAIL_WORKER is on.
 */
import type { Logger } from '@roadmap/core';
import type { MailOutbox, MailRetryPolicy, SweepSettings } from '@roadmap/mail';
import { openMongoMailOutbox } from '@roadmap/mail/mongo';
import type { QueueRedis } from '@roadmap/redis';
import type { Connection } from 'mongoose';
import { CommentRepository } from '../modules/comments/index.js';

export interface BlogMailOptions {
  connection: Connection;
  queueRedis: QueueRedis;
  /** Bull key prefix. */
  prefix: string;
  logger: Logger;
  retry?: Partial<MailRetryPolicy>;
  sweep?: Partial<SweepSettings>;
}

export function openBlogMail({ connection, queueRedis, ...options }: BlogMailOptions): Promise<MailOutbox> {
  return openMongoMailOutbox({
    ...options,
    connection,
    redis: queueRedis,
    sources: (store) => [new CommentRepository(connection).owedMailSource(store)],
  });
}
