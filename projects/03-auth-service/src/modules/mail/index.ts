/** Outgoing mail, as the rest of the project sees it: through SMTP, or logged when there is no server. */
export { createLoggingMailer, createSmtpMailer, type Mailer, type OutgoingMail } from './mailer.js';
