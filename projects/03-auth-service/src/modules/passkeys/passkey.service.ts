/**
 * A user's passkeys: register one (discoverable, so it can sign in without a password), list, rename
 * and remove them. Adding or removing a factor on an account that already has one needs a fresh
 * second factor (the guard, from the mfa feature), so a stolen session cannot swap in its own.
 */
import type { AuthUser } from '@roadmap/auth';
import { ConflictError, FieldRuleError, NotFoundError } from '@roadmap/core';
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { Types } from 'mongoose';
import type { AuditLog, ClientInfo } from '../audit/index.js';
import type { UserRepository } from '../users/index.js';
import type { RelyingParty } from './passkey-assertions.js';
import type { PasskeyRepository } from './passkey.repository.js';
import type { Passkey, RegisterPasskeyBody } from './passkey.schemas.js';
import { toPasskey } from './passkey.view.js';
import type { WebAuthnChallengeRepository } from './webauthn-challenge.repository.js';

/** The account's factor rules (the mfa feature). */
export interface FactorChangeGuard {
  /** Refuses (401 insufficient_user_authentication) a factor change without a fresh second factor. */
  assertMayChangeFactors(caller: AuthUser): Promise<void>;
  /** After a factor was added: the recovery codes to show once when it is the first, else null. */
  factorAdded(caller: AuthUser, client: ClientInfo): Promise<string[] | null>;
  /** After a factor was removed: the recovery codes go with the last one. */
  factorRemoved(userId: string): Promise<void>;
}

export interface PasskeyServiceDeps {
  passkeys: PasskeyRepository;
  challenges: WebAuthnChallengeRepository;
  users: UserRepository;
  relyingParty: RelyingParty;
  guard: FactorChangeGuard;
  audit: AuditLog;
  now: () => Date;
}

/**
 * A registration answer that matches the document but does not verify (its challenge, origin or
 * signature): a 422 on `body.response`, as for any rule the document states only in words.
 */
function unverifiedRegistration(): FieldRuleError {
  return new FieldRuleError(
    [{ field: 'body.response', message: 'the passkey answer did not verify' }],
    'The passkey could not be registered: its answer did not verify. Try again.',
  );
}

export class PasskeyService {
  constructor(private readonly deps: PasskeyServiceDeps) {}

  /** Options for navigator.credentials.create(): a discoverable credential, the user's own excluded. */
  async registrationOptions(caller: AuthUser): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const { relyingParty, passkeys, challenges } = this.deps;
    await this.deps.guard.assertMayChangeFactors(caller);
    const user = await this.deps.users.findById(caller.id);
    if (!user) throw new NotFoundError('The user no longer exists.');
    const existing = await passkeys.listOf(user._id);
    const options = await generateRegistrationOptions({
      rpName: relyingParty.name,
      rpID: relyingParty.id,
      userName: user.email,
      userDisplayName: user.name,
      // The user handle: the account id's bytes, nothing personal.
      userID: new Uint8Array(Buffer.from(user._id.toHexString(), 'hex')),
      attestationType: 'none',
      excludeCredentials: existing.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      timeout: relyingParty.challengeTtlMs,
    });
    await challenges.create(options.challenge, 'registration', user._id, this.deps.now(), relyingParty.challengeTtlMs);
    return options;
  }

  /** Stores the new passkey; for the account's first factor, also answers its recovery codes (once). */
  async register(
    caller: AuthUser,
    body: RegisterPasskeyBody,
    client: ClientInfo,
  ): Promise<{ passkey: Passkey; recoveryCodes: string[] | null }> {
    const { relyingParty, passkeys, challenges } = this.deps;
    await this.deps.guard.assertMayChangeFactors(caller);
    const userId = new Types.ObjectId(caller.id);
    const now = this.deps.now();
    let verified;
    try {
      verified = await verifyRegistrationResponse({
        response: body.response as RegistrationResponseJSON,
        expectedChallenge: (challenge) => challenges.use(challenge, 'registration', userId, now),
        expectedOrigin: relyingParty.origins,
        expectedRPID: relyingParty.id,
        requireUserVerification: false,
      });
    } catch (err) {
      client.log?.info({ err }, 'passkey registration refused');
      throw unverifiedRegistration();
    }
    if (!verified.verified) throw unverifiedRegistration();
    const { credential, credentialDeviceType, credentialBackedUp } = verified.registrationInfo;
    const stored = await passkeys.create({
      userId,
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      transports: credential.transports ?? [],
      name: body.name ?? `Passkey ${(await passkeys.countOf(userId)) + 1}`,
      deviceType: credentialDeviceType,
      backedUp: credentialBackedUp,
      createdAt: now,
    });
    if (!stored) throw new ConflictError('This passkey is registered already.');
    await this.deps.audit.record(
      'passkey.registered',
      { userId: caller.id, ip: client.ip, details: { passkeyId: stored._id.toString(), name: stored.name } },
      client.log,
    );
    return { passkey: toPasskey(stored), recoveryCodes: await this.deps.guard.factorAdded(caller, client) };
  }

  async list(userId: string): Promise<Passkey[]> {
    return (await this.deps.passkeys.listOf(new Types.ObjectId(userId))).map(toPasskey);
  }

  async rename(userId: string, id: string, name: string): Promise<Passkey> {
    const renamed = await this.deps.passkeys.rename(new Types.ObjectId(userId), id, name);
    if (!renamed) throw new NotFoundError('No passkey of yours has this id.');
    return toPasskey(renamed);
  }

  async remove(caller: AuthUser, id: string, client: ClientInfo): Promise<void> {
    await this.deps.guard.assertMayChangeFactors(caller);
    const removed = await this.deps.passkeys.remove(new Types.ObjectId(caller.id), id);
    if (!removed) throw new NotFoundError('No passkey of yours has this id.');
    await this.deps.guard.factorRemoved(caller.id);
    await this.deps.audit.record(
      'passkey.removed',
      { userId: caller.id, ip: client.ip, details: { passkeyId: id, name: removed.name } },
      client.log,
    );
  }
}
