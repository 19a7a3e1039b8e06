/**
 * Authentication of the shop's sockets through shared/auth: handshakes without a token, with garbage,
 * an expired token or one for another audience are refused with a connect_error saying why; a
 * connected client refreshes its token with `auth`, and one whose token runs out is told and dropped.
 */
import { randomUUID } from 'node:crypto';
import { AccessTokenIssuer } from '@roadmap/auth';
import { createTestIssuer, TEST_AUDIENCE, TEST_ISSUER } from '@roadmap/auth/testing';
import { waitFor } from '@roadmap/testing';
import { customerToken, useStack } from './harness.js';
import { connect, record, refusalOf, type LiveClient } from './support/socket-client.js';

const stack = useStack('realtime-auth', { realtime: true });
const clients: LiveClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

/** When a token runs out: its `exp` claim, in milliseconds. */
function expiryOf(token: string): number {
  const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number };
  return payload.exp * 1000;
}

function issuerWith(options: { audience?: string; ttlSeconds: number }) {
  return new AccessTokenIssuer({
    key: stack.issuer.key,
    issuer: TEST_ISSUER,
    audience: options.audience ?? TEST_AUDIENCE,
    ttlSeconds: options.ttlSeconds,
  });
}

describe('the Socket.io handshake', () => {
  it('refuses a connection without a token, saying a token is required', async () => {
    expect(await refusalOf(stack.live!.url, undefined)).toEqual({
      code: 'token_missing',
      message: 'An access token is required: connect with auth: { token }.',
    });
  });

  it('refuses a token that is not a JWT', async () => {
    expect(await refusalOf(stack.live!.url, 'not-a-token')).toMatchObject({ code: 'token_invalid' });
  });

  it('refuses a token signed by another key', async () => {
    const forged = createTestIssuer().tokenFor({ role: 'admin' });
    expect(await refusalOf(stack.live!.url, forged)).toMatchObject({ code: 'token_invalid' });
  });

  it('refuses an expired token, so the client knows to refresh it', async () => {
    const expired = issuerWith({ ttlSeconds: -60 }).sign({ id: randomUUID(), role: 'user' }).token;
    expect(await refusalOf(stack.live!.url, expired)).toEqual({
      code: 'token_expired',
      message: 'The access token has expired.',
    });
  });

  it('refuses a token issued for another service', async () => {
    const foreign = issuerWith({ audience: 'another-service', ttlSeconds: 300 }).sign({
      id: randomUUID(),
      role: 'admin',
    });
    expect(await refusalOf(stack.live!.url, foreign.token)).toMatchObject({ code: 'token_wrong_audience' });
  });

  it('accepts a valid customer token', async () => {
    const socket = await connect(stack.live!.url, customerToken(stack), clients);
    expect(socket.connected).toBe(true);
  });
});

describe('re-authentication of a connected socket', () => {
  it('takes a fresh token of the same user and answers its expiry', async () => {
    const userId = randomUUID();
    const socket = await connect(stack.live!.url, customerToken(stack, userId), clients);
    const fresh = issuerWith({ ttlSeconds: 600 }).sign({ id: userId, role: 'user' });

    const answer = await socket.timeout(5000).emitWithAck('auth', { token: fresh.token });

    expect(answer).toMatchObject({ ok: true });
    expect(Date.parse((answer as { expiresAt: string }).expiresAt)).toBeGreaterThan(Date.now() + 500_000);
  });

  it("refuses another user's token on an open connection and keeps the connection as it was", async () => {
    const socket = await connect(stack.live!.url, customerToken(stack), clients);

    const answer = await socket.timeout(5000).emitWithAck('auth', { token: customerToken(stack) });

    expect(answer).toMatchObject({ ok: false, error: { code: 'token_other_user' } });
    expect(socket.connected).toBe(true);
  });

  it('refuses an expired token at re-authentication', async () => {
    const userId = randomUUID();
    const socket = await connect(stack.live!.url, customerToken(stack, userId), clients);
    const expired = issuerWith({ ttlSeconds: -60 }).sign({ id: userId, role: 'user' });

    const answer = await socket.timeout(5000).emitWithAck('auth', { token: expired.token });

    expect(answer).toMatchObject({ ok: false, error: { code: 'token_expired' } });
  });

  it('answers a malformed message with invalid_request', async () => {
    const socket = await connect(stack.live!.url, customerToken(stack), clients);

    const answer = await socket.timeout(5000).emitWithAck('auth', { token: 42 });

    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  // Tokens here live 2 s: `exp` counts whole seconds, so a 1 s token may have a few milliseconds
  // left when it is signed, and run out before the handshake or the refresh it is meant to outlive.
  it('tells a socket whose token ran out, then disconnects it', async () => {
    const shortLived = issuerWith({ ttlSeconds: 2 }).sign({ id: randomUUID(), role: 'user' });
    // Listening before the handshake: the notice can arrive in the same read as its answer.
    let told: unknown[] = [];
    const socket = await connect(stack.live!.url, shortLived.token, clients, {
      before: (s) => (told = record(s, 'auth:expired')),
    });

    await waitFor(() => socket.disconnected, { timeoutMs: 5000, description: 'the server to drop the socket' });

    expect(told).toEqual([{ code: 'token_expired', message: expect.stringContaining('reconnect') }]);
    expect(Date.now()).toBeGreaterThanOrEqual(expiryOf(shortLived.token));
  });

  it('keeps a socket that refreshed its token before it ran out', async () => {
    const userId = randomUUID();
    const shortLived = issuerWith({ ttlSeconds: 2 }).sign({ id: userId, role: 'user' });
    const firstExpiry = expiryOf(shortLived.token);
    const socket = await connect(stack.live!.url, shortLived.token, clients);
    await socket.timeout(5000).emitWithAck('auth', { token: customerToken(stack, userId) });
    expect(Date.now()).toBeLessThan(firstExpiry);

    // The first token's expiry passes (plus its timer's own slack); the socket stays served.
    await waitFor(() => Date.now() > firstExpiry + 500, { timeoutMs: 3000, description: "the first token's expiry" });
    const answer = await socket.timeout(5000).emitWithAck('sync', {});

    expect(answer).toMatchObject({ ok: true, orders: [] });
    expect(socket.connected).toBe(true);
  });
});
