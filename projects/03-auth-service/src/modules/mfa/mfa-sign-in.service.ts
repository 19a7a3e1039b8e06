/**
 * Signing in with a second factor. A password sign-in to an account with one gets a ticket, not
 * tokens (`challengeFor`); the ticket is single-use, short-lived and bound to its user, and a few
 * wrong factors on it kill it. Tokens come from `complete` (ticket + factor), from a passwordless
 * passkey sign-in, and a step-up gives a signed-in user a new access token naming a factor proven
 * just now (`amr`, `auth_time`).
 */
import type { AuthUser } from '@roadmap/auth';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '@roadmap/core';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { AuditLog, ClientInfo } from '../audit/index.js';
import type { MfaRequired, SecondFactorGate } from '../auth/index.js';
import type { AuthenticationResponseBody, PasskeyAssertions } from '../passkeys/index.js';
import {
  hashToken,
  newOpaqueToken,
  type AccessTokenAnswer,
  type SessionTokens,
  type TokenPair,
} from '../sessions/index.js';
import type { UserRecord, UserRepository } from '../users/index.js';
import type { MfaTicketRecord } from './mfa-ticket.model.js';
import type { MfaTicketRepository } from './mfa-ticket.repository.js';
import type { SecondFactorProof, SecondFactors } from './second-factors.service.js';

export interface MfaSignInDeps {
  tickets: MfaTicketRepository;
  factors: SecondFactors;
  assertions: PasskeyAssertions;
  users: UserRepository;
  tokens: SessionTokens;
  audit: AuditLog;
  ticketTtlMs: number;
  /** Wrong second factors a ticket survives; then the password must be given again. */
  maxTicketFailures: number;
  now: () => Date;
}

const INVALID_TICKET = 'The sign-in ticket is invalid, used or expired; sign in with your password again.';

export class MfaSignIn implements SecondFactorGate {
  constructor(private readonly deps: MfaSignInDeps) {}

  async challengeFor(user: UserRecord): Promise<MfaRequired | null> {
    const methods = await this.deps.factors.methodsOf(user._id);
    if (methods.length === 0) return null;
    const ticket = newOpaqueToken();
    const now = this.deps.now();
    const expiresAt = new Date(now.getTime() + this.deps.ticketTtlMs);
    await this.deps.tickets.create({
      ticketHash: hashToken(ticket),
      userId: user._id,
      amr: ['pwd'],
      createdAt: now,
      expiresAt,
    });
    return { mfaRequired: true, mfaTicket: ticket, expiresAt: expiresAt.toISOString(), methods };
  }

  /** Options to prove a passkey as the second factor of this ticket's sign-in. */
  async passkeyOptionsFor(ticket: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const live = await this.liveTicket(ticket);
    return this.deps.assertions.options('second-factor', live.userId);
  }

  /** The ticket and a second factor of its user: a new session whose amr names both. */
  async complete(ticket: string, proof: SecondFactorProof, client: ClientInfo): Promise<TokenPair> {
    const live = await this.liveTicket(ticket);
    const user = await this.activeUser(live.userId.toString());
    let method: string;
    try {
      method = await this.deps.factors.verify(user, proof, client);
    } catch (err) {
      if (err instanceof UnauthorizedError) await this.deps.tickets.countFailure(live._id);
      throw err;
    }
    const now = this.deps.now();
    // Claimed only now, so a mistyped code does not cost the ticket; of two requests, one wins.
    if (!(await this.deps.tickets.use(live._id, now))) throw new UnauthorizedError(INVALID_TICKET);
    return this.deps.tokens.start(user, client, { amr: [...live.amr, method], authTime: now });
  }

  /** Options for a passwordless sign-in: the browser offers the passkeys it holds for this site. */
  async passkeyOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
    return this.deps.assertions.options('sign-in', null);
  }

  /** A passkey alone, with user verification: the session's amr is `hwk`. */
  async signInWithPasskey(response: AuthenticationResponseBody, client: ClientInfo): Promise<TokenPair> {
    const passkey = await this.deps.assertions.verify(response, 'sign-in', null, client);
    const user = await this.activeUser(passkey.userId.toString());
    return this.deps.tokens.start(user, client, { amr: ['hwk'], authTime: this.deps.now() });
  }

  /** Options to prove a passkey for a step-up. */
  async stepUpPasskeyOptions(caller: AuthUser): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const user = await this.activeUser(caller.id);
    return this.deps.assertions.options('second-factor', user._id);
  }

  /** A new access token for the caller's session, naming the factor just proven and now as auth_time. */
  async stepUp(caller: AuthUser, proof: SecondFactorProof, client: ClientInfo): Promise<AccessTokenAnswer> {
    const user = await this.activeUser(caller.id);
    if (!(await this.deps.factors.hasAnyFactor(user._id))) {
      throw new NotFoundError('This account has no second factor to confirm; set one up first.');
    }
    const method = await this.deps.factors.verify(user, proof, client);
    const amr = [...new Set([...(caller.amr ?? ['pwd']), method])];
    await this.deps.audit.record('mfa.step_up', { userId: caller.id, ip: client.ip, details: { method } }, client.log);
    return this.deps.tokens.stepUp(user, caller.sessionId, { amr, authTime: this.deps.now() });
  }

  private async liveTicket(ticket: string): Promise<MfaTicketRecord> {
    const live = await this.deps.tickets.findLive(hashToken(ticket), this.deps.now(), this.deps.maxTicketFailures);
    if (!live) throw new UnauthorizedError(INVALID_TICKET);
    return live;
  }

  private async activeUser(userId: string): Promise<UserRecord> {
    const user = await this.deps.users.findById(userId);
    if (!user) throw new UnauthorizedError('The account no longer exists.');
    if (user.disabled) throw new ForbiddenError('This account is disabled.');
    return user;
  }
}
