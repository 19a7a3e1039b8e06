/**
 * Setting up an authenticator app: a new secret answered once (with its otpauth:// URI and a QR code)
 * and kept sealed, pending until a first valid code proves the app has it; disabling needs a fresh
 * second factor. The secret is never answered again after enrolment.
 */
import type { AuthUser } from '@roadmap/auth';
import { ConflictError, NotFoundError, ValidationError } from '@roadmap/core';
import { Types } from 'mongoose';
import type { AuditLog, ClientInfo } from '../audit/index.js';
import type { UserRepository } from '../users/index.js';
import type { MfaPolicy } from './mfa-policy.js';
import type { SecretBox } from './secret-box.js';
import type { TotpFactorRepository } from './totp-factor.repository.js';
import { acceptedTotpStep, newTotpSecret, totpQrCode, totpUri } from './totp.js';

export interface TotpEnrolmentStart {
  secret: string;
  otpauthUri: string;
  qrCode: string;
}

export interface TotpEnrolmentDeps {
  totp: TotpFactorRepository;
  users: UserRepository;
  box: SecretBox;
  policy: MfaPolicy;
  audit: AuditLog;
  /** The name authenticator apps show beside the account. */
  issuerName: string;
  now: () => Date;
}

export class TotpEnrolment {
  constructor(private readonly deps: TotpEnrolmentDeps) {}

  async start(caller: AuthUser): Promise<TotpEnrolmentStart> {
    await this.deps.policy.assertMayChangeFactors(caller);
    const user = await this.deps.users.findById(caller.id);
    if (!user) throw new NotFoundError('The user no longer exists.');
    const secret = newTotpSecret();
    const pending = await this.deps.totp.startPending(
      user._id,
      this.deps.box.seal(secret, user._id.toString()),
      this.deps.now(),
    );
    if (!pending) throw new ConflictError('An authenticator app is set up already; disable it first.');
    const otpauthUri = totpUri(this.deps.issuerName, user.email, secret);
    return { secret, otpauthUri, qrCode: await totpQrCode(otpauthUri) };
  }

  /** Activates the pending secret with its first code; answers the recovery codes when it is the first factor. */
  async confirm(caller: AuthUser, code: string, client: ClientInfo): Promise<string[] | null> {
    const userId = new Types.ObjectId(caller.id);
    const factor = await this.deps.totp.findOf(userId);
    if (!factor) throw new NotFoundError('No authenticator app is being set up; start again.');
    if (factor.status === 'active') throw new ConflictError('The authenticator app is set up already.');
    const now = this.deps.now();
    const step = acceptedTotpStep(this.deps.box.open(factor.sealedSecret, caller.id), code, now);
    if (step === null) {
      throw new ValidationError(
        [{ field: 'body.code', message: 'code is not the one the app shows now; check the time on your device' }],
        'The code does not match the new secret.',
      );
    }
    if (!(await this.deps.totp.activate(factor._id, step, now))) {
      throw new ConflictError('The authenticator app was set up meanwhile.');
    }
    await this.deps.audit.record('mfa.totp_enabled', { userId: caller.id, ip: client.ip }, client.log);
    return this.deps.policy.factorAdded(caller, client);
  }

  /** Removes the authenticator app; the recovery codes go too when no factor is left. */
  async disable(caller: AuthUser, client: ClientInfo): Promise<void> {
    await this.deps.policy.assertMayChangeFactors(caller);
    const userId = new Types.ObjectId(caller.id);
    if (!(await this.deps.totp.remove(userId))) throw new NotFoundError('No authenticator app is set up.');
    await this.deps.policy.factorRemoved(caller.id);
    await this.deps.audit.record('mfa.totp_disabled', { userId: caller.id, ip: client.ip }, client.log);
  }
}
