/**
 * The real confirmation email chain for one test file: Bull on its own Redis prefix, the email job,
 * nodemailer and an SMTP sink, behind an API built by createTestApp. `close()` stops all of it.
 */
import { createTestRedis, startSmtpSink, testLogger, testServices, type SmtpSink } from '@roadmap/testing';
import Bull from 'bull';
import nodemailer from 'nodemailer';
import {
  CONFIRMATION_QUEUE,
  confirmationEmailProcessor,
  queueNotifier,
  type ConfirmationJob,
} from '../../src/jobs/confirmation-email.js';
import type { BookingNotifier } from '../../src/modules/bookings/booking.service.js';
import { createTestApp, type TestApp } from './test-app.js';

const MAIL_FROM = 'tickets@movie-booking.test';

export interface MailChain {
  t: TestApp;
  queue: Bull.Queue<ConfirmationJob>;
  sink: SmtpSink;
  close(): Promise<void>;
}

/** `wrapNotifier` lets a test stand between the booking service and the queue (e.g. to fail an add). */
export async function startMailChain(
  name: string,
  wrapNotifier: (queueing: BookingNotifier) => BookingNotifier = (queueing) => queueing,
): Promise<MailChain> {
  const redis = await createTestRedis(name);
  const sink = await startSmtpSink();
  const queue = new Bull<ConfirmationJob>(CONFIRMATION_QUEUE, testServices.redisUrl, { prefix: redis.prefix });
  const t = await createTestApp(name, { notifier: wrapNotifier(queueNotifier(queue)) });
  const transport = nodemailer.createTransport({ host: sink.host, port: sink.port, secure: false, ignoreTLS: true });
  void queue.process(
    confirmationEmailProcessor({ models: t.services.models, transport, from: MAIL_FROM, logger: testLogger(name) }),
  );
  return {
    t,
    queue,
    sink,
    close: async () => {
      await queue.close();
      transport.close();
      await sink.close();
      await t.close();
      await redis.cleanup();
    },
  };
}
