/**
 * A nodemailer transport for runs without a mail server (development, demos): each message is
 * logged instead of sent, and counts as accepted. Bodies often hold single-use links (password
 * resets), so they are logged only when `includeBody` is set; otherwise only the envelope.
 */
import type { Logger } from '@roadmap/core';
import nodemailer, { type SentMessageInfo, type Transporter } from 'nodemailer';

export function createLoggingTransport(logger: Logger, { includeBody }: { includeBody: boolean }): Transporter {
  return nodemailer.createTransport<SentMessageInfo>({
    name: 'log',
    version: '1',
    send(mail, callback) {
      const { to, subject, text, messageId } = mail.data;
      const logged = includeBody ? { to, subject, text } : { to, subject };
      logger.info({ mail: logged, messageId }, 'email not sent (no SMTP server configured); logged instead');
      callback(null, { envelope: mail.message.getEnvelope(), messageId: mail.message.messageId() });
    },
  });
}
