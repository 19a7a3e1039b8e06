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

/** Development only: the message (with its link) goes to the log at info level. */
export function createLoggingMailer(logger: Logger): Mailer {
  return {
    async send(mail) {
      logger.info({ mail }, 'email not sent (SMTP_URL is unset); logged instead');
    },
    async close() {},
  };
}
