import { captureLogs } from '@roadmap/testing';
import { createLoggingTransport } from './logging-transport.js';

const resetMail = {
  from: 'auth@example.test',
  to: 'ann@example.com',
  subject: 'Reset your password',
  text: 'Reset here: http://app/reset-password?token=secret-reset-token',
};

describe('createLoggingTransport', () => {
  it('logs the whole message, link included, when bodies may be logged (development)', async () => {
    const { logger, text } = captureLogs('mail');

    await createLoggingTransport(logger, { includeBody: true }).sendMail(resetMail);

    expect(text()).toContain('secret-reset-token');
  });

  it('logs only the envelope when bodies must stay out of the logs, so reset links never leak', async () => {
    const { logger, text } = captureLogs('mail');

    const info = await createLoggingTransport(logger, { includeBody: false }).sendMail(resetMail);

    expect(text()).toContain('ann@example.com');
    expect(text()).toContain('Reset your password');
    expect(text()).not.toContain('secret-reset-token');
    // It counts as accepted, so the mail path marks the message sent.
    expect(info.envelope).toEqual({ from: 'auth@example.test', to: ['ann@example.com'] });
  });
});
