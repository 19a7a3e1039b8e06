/**
 * The single-use link emails of an account (verify the address, reset the password). A new token
 * is written together with the email carrying its link, which the mail path then relays and sends
 * (see @roadmap/mail): the request waits on MongoDB only, never on Redis or the mail server.
 * `sendInBackground` does even that after answering, so an answer's timing tells nothing.
 */
import type { BackgroundWork, Logger } from '@roadmap/core';
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

export function accountEmails(deps: AccountEmailDeps): AccountEmails {
  const send = async (user: UserRecord, purpose: EmailTokenPurpose) => {
    const tokenId = await deps.emailTokens.issue(user._id, purpose, (token) => ({
      to: user.email,
      ...renderAccountEmail(user, purpose, `${deps.publicUrl}/${purpose}?token=${encodeURIComponent(token)}`),
    }));
    deps.mail.relaySoon(EMAIL_TOKEN_MAIL_SOURCE, tokenId);
  };
  return {
    send,
    sendInBackground(user, purpose, log?: Logger) {
      deps.background.run(`email:${purpose}`, () => send(user, purpose), log);
    },
  };
}
