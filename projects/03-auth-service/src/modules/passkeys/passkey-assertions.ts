/**
 * Proving a passkey (a WebAuthn assertion), for a passwordless sign-in, as a second factor, or for a
 * step-up: the options with a fresh single-use challenge, then the answer checked by
 * @simplewebauthn/server (challenge, origin, RP ID, user presence and verification, signature) and
 * the signature counter. A counter that does not move forward, on a credential that keeps one, means
 * the credential was copied: the assertion is refused and audited even though its signature is good.
 */
import { UnauthorizedError } from '@roadmap/core';
import {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import type { Types } from 'mongoose';
import type { AuditLog, ClientInfo } from '../audit/index.js';
import type { PasskeyRecord } from './passkey.model.js';
import type { PasskeyRepository } from './passkey.repository.js';
import type { AuthenticationResponseBody } from './passkey.schemas.js';
import type { ChallengePurpose } from './webauthn-challenge.model.js';
import type { WebAuthnChallengeRepository } from './webauthn-challenge.repository.js';

/** This service as a WebAuthn relying party: its RP ID (a domain) and the origins its pages run on. */
export interface RelyingParty {
  id: string;
  name: string;
  origins: string[];
  /** How long a ceremony's challenge stays usable. */
  challengeTtlMs: number;
}

export type AssertionPurpose = Exclude<ChallengePurpose, 'registration'>;

export interface PasskeyAssertionsDeps {
  passkeys: PasskeyRepository;
  challenges: WebAuthnChallengeRepository;
  relyingParty: RelyingParty;
  audit: AuditLog;
  now: () => Date;
}

const NOT_VERIFIED = 'The passkey could not be verified; try again.';

export class PasskeyAssertions {
  constructor(private readonly deps: PasskeyAssertionsDeps) {}

  /**
   * Options for navigator.credentials.get(). A passwordless sign-in names no user (the browser offers
   * its discoverable credentials) and requires user verification, since the passkey is the only
   * factor; as a second factor or a step-up, the user's own passkeys are listed.
   */
  async options(
    purpose: AssertionPurpose,
    userId: Types.ObjectId | null,
  ): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const { relyingParty, challenges, passkeys } = this.deps;
    const allowed = userId ? await passkeys.listOf(userId) : [];
    const options = await generateAuthenticationOptions({
      rpID: relyingParty.id,
      userVerification: purpose === 'sign-in' ? 'required' : 'preferred',
      allowCredentials: allowed.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports })),
      timeout: relyingParty.challengeTtlMs,
    });
    await challenges.create(options.challenge, purpose, userId, this.deps.now(), relyingParty.challengeTtlMs);
    return options;
  }

  /**
   * The passkey that made this assertion, once everything checks out, with its counter moved
   * forward; 401 otherwise. `userId` is the user the ceremony was for (null: a passwordless sign-in).
   */
  async verify(
    response: AuthenticationResponseBody,
    purpose: AssertionPurpose,
    userId: Types.ObjectId | null,
    client: ClientInfo,
  ): Promise<PasskeyRecord> {
    const { passkeys, challenges, relyingParty } = this.deps;
    const now = this.deps.now();
    const passkey = await passkeys.findByCredentialId(response.id);
    if (!passkey || (userId && !passkey.userId.equals(userId))) {
      throw new UnauthorizedError('This passkey is not registered with this account.');
    }
    let verified;
    try {
      verified = await verifyAuthenticationResponse({
        response: response as AuthenticationResponseJSON,
        expectedChallenge: (challenge) => challenges.use(challenge, purpose, userId, now),
        expectedOrigin: relyingParty.origins,
        expectedRPID: relyingParty.id,
        // The library's own counter check would refuse before the signature is known to be good;
        // the counter is compared below instead, so only a genuine clone is audited as one.
        credential: { id: passkey.credentialId, publicKey: Buffer.from(passkey.publicKey, 'base64url'), counter: 0 },
        requireUserVerification: purpose === 'sign-in',
      });
    } catch (err) {
      client.log?.info({ err, purpose }, 'passkey assertion refused');
      throw new UnauthorizedError(NOT_VERIFIED);
    }
    if (!verified.verified) throw new UnauthorizedError(NOT_VERIFIED);

    const presented = verified.authenticationInfo.newCounter;
    const movedForward = await passkeys.recordUse(passkey._id, presented, now);
    if (!movedForward) await this.refuseClone(passkey, presented, client);
    return passkey;
  }

  private async refuseClone(passkey: PasskeyRecord, presented: number, client: ClientInfo): Promise<never> {
    const current = await this.deps.passkeys.findByCredentialId(passkey.credentialId);
    await this.deps.audit.record(
      'passkey.counter_regressed',
      {
        userId: passkey.userId.toString(),
        ip: client.ip,
        details: {
          passkeyId: passkey._id.toString(),
          name: passkey.name,
          storedCounter: current?.counter ?? passkey.counter,
          presentedCounter: presented,
        },
      },
      client.log,
    );
    throw new UnauthorizedError(
      'This passkey reported a signature counter that did not move forward, as a copied passkey would; it was refused. ' +
        'Use another factor, and remove this passkey if you did not copy it.',
    );
  }
}
