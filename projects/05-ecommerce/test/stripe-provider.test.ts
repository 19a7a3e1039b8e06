/**
 * The Stripe provider's requests against stripe-mock (Stripe's official mock, which validates each
 * request against Stripe's OpenAPI spec). Install it with
 * `go install github.com/stripe/stripe-mock@latest` (.ci/run does, into .data/bin, so CI always runs it);
 * without the binary this file is skipped and says so.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { homedir } from 'node:os';
import path from 'node:path';
import { freePort, waitFor } from '@roadmap/testing';
import { ProviderInputError } from '../src/payments/providers/provider.js';
import { StripeProvider } from '../src/payments/providers/stripe-provider.js';

// STRIPE_MOCK_BIN, then PATH (.ci/run installs it into .data/bin), then go install's default folder.
const candidates = [
  process.env.STRIPE_MOCK_BIN,
  path.resolve(__dirname, '../../../.data/bin/stripe-mock'),
  ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'stripe-mock')),
  path.join(homedir(), 'go', 'bin', 'stripe-mock'),
];
const binary = candidates.find((candidate): candidate is string => candidate !== undefined && existsSync(candidate));
const describeWithMock = binary ? describe : describe.skip;
if (!binary)
  process.stderr.write(
    'stripe-provider.test.ts skipped: no stripe-mock binary (go install github.com/stripe/stripe-mock@latest)\n',
  );

describeWithMock('Stripe provider against stripe-mock', () => {
  let mock: ChildProcess;
  let provider: StripeProvider;

  beforeAll(async () => {
    const port = await freePort();
    mock = spawn(binary!, ['-http-addr', `127.0.0.1:${port}`, '-https-addr', ''], { stdio: 'ignore' });
    await waitFor(
      () =>
        new Promise<boolean>((resolve) => {
          const socket = net.connect(port, '127.0.0.1', () => resolve(socket.end() !== undefined));
          socket.on('error', () => resolve(false));
        }),
      { timeoutMs: 15_000, description: 'stripe-mock to listen' },
    );
    provider = new StripeProvider({ secretKey: 'sk_test_123', apiBase: `http://127.0.0.1:${port}` });
  });

  afterAll(() => {
    mock?.kill();
  });

  it('creates a payment intent with a request Stripe accepts', async () => {
    const intent = await provider.createIntent(
      { orderId: '7f0d9a3e-1b2c-4d5e-8f90-123456789abc', amountMinor: 1999, currency: 'EUR' },
      'order:test',
    );

    expect(intent.id).toMatch(/^pi_/);
  });

  it('confirms with a payment method id, cancels and refunds with requests Stripe accepts', async () => {
    const intent = await provider.createIntent(
      { orderId: '7f0d9a3e-1b2c-4d5e-8f90-123456789abc', amountMinor: 500, currency: 'EUR' },
      'order:two',
    );

    await expect(
      provider.confirmIntent(intent.id, { paymentMethod: 'pm_card_visa' }, 'confirm:1'),
    ).resolves.toMatchObject({ id: intent.id });
    await expect(provider.cancelIntent(intent.id, 'cancel:1')).resolves.toBeUndefined();
    await expect(provider.refund(intent.id, 'refund:1')).resolves.toBeUndefined();
  });

  it('never sends raw card numbers to Stripe', async () => {
    await expect(
      provider.confirmIntent(
        'pi_123',
        { card: { number: '4242424242424242', expMonth: 1, expYear: 2040, cvc: '123' } },
        'k',
      ),
    ).rejects.toBeInstanceOf(ProviderInputError);
  });
});
