/**
 * The single-use link emails of an account (verify the address, reset the password), sent in the
 * background: a new token is issued and mailed after the request has answered, so the answer never
 * waits for the mail server and never tells whether an email exists. Shutdown waits for them.
 */
import type { Logger } from '@roadmap/core';
import type { AccountEmails, EmailTokenPurpose, EmailTokens } from '../modules/auth/index.js';
import type { Mailer } from '../modules/mail/index.js';
import type { UserRecord } from '../modules/users/index.js';
import type { BackgroundTasks } from './background-tasks.js';

export interface AccountEmailDeps {
  emailTokens: EmailTokens;
  mailer: Mailer;
  background: BackgroundTasks;
  /** Where the links point: the front end's `<publicUrl>/verify-email?token=…` and `/reset-password?token=…`. */
  publicUrl: string;
  logger: Logger;
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

export function backgroundAccountEmails(deps: AccountEmailDeps): AccountEmails {
  const sendNow = async (user: UserRecord, purpose: EmailTokenPurpose) => {
    const token = await deps.emailTokens.issue(user._id, purpose);
    const link = `${deps.publicUrl}/${purpose}?token=${encodeURIComponent(token)}`;
    await deps.mailer.send({ to: user.email, ...renderAccountEmail(user, purpose, link) });
  };
  return {
    send(user, purpose, log = deps.logger) {
      deps.background.run(`email:${purpose}`, () => sendNow(user, purpose), log);
    },
  };
}
