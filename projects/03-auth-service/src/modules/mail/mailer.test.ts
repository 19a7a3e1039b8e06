import { captureLogs } from '@roadmap/testing';
import { createLoggingMailer } from './mailer.js';

const resetMail = {
  to: 'ann@example.com',
  subject: 'Reset your password',
  text: 'Reset here: http://app/reset-password?token=secret-reset-token',
};

describe('createLoggingMailer', () => {
  it('logs the whole message, link included, in development', async () => {
    const { logger, text } = captureLogs('mail');

    await createLoggingMailer(logger, { includeBody: true }).send(resetMail);

    expect(text()).toContain('secret-reset-token');
  });

  it('logs only the envelope when the body must stay out of the logs (production), so reset links never leak', async () => {
    const { logger, text } = captureLogs('mail');

    await createLoggingMailer(logger, { includeBody: false }).send(resetMail);

    expect(text()).toContain('ann@example.com');
    expect(text()).toContain('Reset your password');
    expect(text()).not.toContain('secret-reset-token');
  });
});
