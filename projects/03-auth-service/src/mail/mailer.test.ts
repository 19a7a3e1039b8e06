import { Writable } from 'node:stream';
import { createLogger } from '@roadmap/core';
import { createLoggingMailer } from './mailer.js';

function capturingLogger(): { logger: ReturnType<typeof createLogger>; output: () => string } {
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  return { logger: createLogger({ name: 'mail', level: 'info', destination }), output: () => text };
}

const resetMail = {
  to: 'ann@example.com',
  subject: 'Reset your password',
  text: 'Reset here: http://app/reset-password?token=secret-reset-token',
};

describe('createLoggingMailer', () => {
  it('logs the whole message, link included, in development', async () => {
    const { logger, output } = capturingLogger();
    await createLoggingMailer(logger, { includeBody: true }).send(resetMail);
    expect(output()).toContain('secret-reset-token');
  });

  it('logs only the envelope when the body must stay out of the logs (production), so reset links never leak', async () => {
    const { logger, output } = capturingLogger();
    await createLoggingMailer(logger, { includeBody: false }).send(resetMail);
    expect(output()).toContain('ann@example.com');
    expect(output()).toContain('Reset your password');
    expect(output()).not.toContain('secret-reset-token');
  });
});
