/**
 * Outgoing mail. With SMTP_URL it goes through nodemailer; without it (development) each message
 * is logged instead, so the service runs with no mail server.
 */
import type { Logger } from '@roadmap/core';
import nodemailer from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
    async close() {
      transport.close();
    },
  };
}

/**
 * Without SMTP the message goes to the log at info level. The body holds single-use links (password
 * reset), so it is logged only when `includeBody` is set (development); production logs the envelope.
 */
export function createLoggingMailer(logger: Logger, { includeBody }: { includeBody: boolean }): Mailer {
  return {
    async send(mail) {
      const logged = includeBody ? mail : { to: mail.to, subject: mail.subject };
      logger.info({ mail: logged }, 'email not sent (SMTP_URL is unset); logged instead');
    },
    async close() {},
  };
}
