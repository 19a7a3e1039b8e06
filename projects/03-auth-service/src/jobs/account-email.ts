/**
 * The single-use link emails of an account (verify the address, reset the password). A new token
 * is written together with the email carrying its link, which the mail path then relays and sends
 * (see @roadmap/mail): the request waits on MongoDB only, never on Redis or the mail server.
 * `sendInBackground` does even that after answering, so an answer's timing tells nothing; having
 * answered, it keeps trying while MongoDB is unavailable (for BACKGROUND_RETRY_MS), under one token
 * id, so a retry never issues a second link.
 */
import { retryWhileUnavailable, type BackgroundWork, type Logger } from '@roadmap/core';
import { Types } from 'mongoose';
import type { AccountEmails, EmailTokenPurpose, EmailTokens, OwedMailRelay } from '../modules/auth/index.js';
import { EMAIL_TOKEN_MAIL_SOURCE } from '../modules/auth/index.js';
import type { UserRecord } from '../modules/users/index.js';

export interface AccountEmailDeps {
  emailTokens: EmailTokens;
  mail: OwedMailRelay;
  background: BackgroundWork;
  /** Where the links point: the front end's `<publicUrl>/verify-email?token=…` and `/reset-password?token=…`. */
  publicUrl: string;
}

export function renderAccountEmail(
  user: Pick<UserRecord, 'name'>,
  purpose: EmailTokenPurpose,
  link: string,
): { subject: string; text: string } {
  return purpose === 'verify-email'
    ? { subject: 'Confirm your email address', text: `Hello ${user.name},\n\nConfirm your address: ${link}\n` }
    : {
        subject: 'Reset your password',
        text: `Hello ${user.name},\n\nReset your password here (single use, expires soon): ${link}\n\nIf you did not ask, ignore this email.\n`,
      };
}

/** How long a link promised in an answer is retried while the database is away. */
export const BACKGROUND_RETRY_MS = 5 * 60_000;

export function accountEmails(deps: AccountEmailDeps): AccountEmails {
  const send = async (user: UserRecord, purpose: EmailTokenPurpose, id = new Types.ObjectId()) => {
    const link = (token: string) => `${deps.publicUrl}/${purpose}?token=${encodeURIComponent(token)}`;
    await deps.emailTokens.issue(
      user._id,
      purpose,
      (token) => ({ to: user.email, ...renderAccountEmail(user, purpose, link(token)) }),
      id,
    );
    deps.mail.relaySoon(EMAIL_TOKEN_MAIL_SOURCE, id);
  };
  return {
    send: (user, purpose) => send(user, purpose),
    sendInBackground(user, purpose, log?: Logger) {
      const id = new Types.ObjectId();
      deps.background.run(
        `email:${purpose}`,
        () => retryWhileUnavailable(() => send(user, purpose, id), { forMs: BACKGROUND_RETRY_MS }),
        log,
      );
    },
  };
}
