/**
 * A user's second factors and the one check all of them go through: a TOTP code (accepted once, one
 * step of drift), a recovery code (used once, audited, the owner emailed) or a passkey assertion.
 * Wrong codes count on the login lockout's rules, on counters of their own: per (account, address)
 * a few failures lock that address out, and an account under attack tightens every failing address
 * without ever locking the owner out from one that has not failed.
 */
import { UnauthorizedError } from '@roadmap/core';
import { Types } from 'mongoose';
import type { AuditLog, ClientInfo } from '../audit/index.js';
import type { FailedLogins, OwedMailRelay, SecondFactorMethod } from '../auth/index.js';
import type { AuthenticationResponseBody, PasskeyAssertions, PasskeyRepository } from '../passkeys/index.js';
import type { UserRecord } from '../users/index.js';
import { normalizeRecoveryCode } from './recovery-code.js';
import { RECOVERY_CODE_MAIL_SOURCE, type RecoveryCodeRepository } from './recovery-code.repository.js';
import type { SecretBox } from './secret-box.js';
import type { TotpFactorRepository } from './totp-factor.repository.js';
import { acceptedTotpStep } from './totp.js';

/** One second factor, as a request proves it. */
export type SecondFactorProof = { code: string } | { recoveryCode: string } | { passkey: AuthenticationResponseBody };

export interface SecondFactorsDeps {
  totp: TotpFactorRepository;
  recoveryCodes: RecoveryCodeRepository;
  passkeys: PasskeyRepository;
  assertions: PasskeyAssertions;
  box: SecretBox;
  /** The lockout of wrong codes (a FailedLogins of kind second-factor). */
  failedCodes: FailedLogins;
  audit: AuditLog;
  mail: OwedMailRelay;
  now: () => Date;
}

const WRONG_CODE = 'The code is incorrect or was already used.';

export class SecondFactors {
  constructor(private readonly deps: SecondFactorsDeps) {}

  /** The second factors the user can sign in with now; empty when the password alone signs them in. */
  async methodsOf(userId: Types.ObjectId): Promise<SecondFactorMethod[]> {
    const [totp, passkeys, codes] = await Promise.all([
      this.deps.totp.findOf(userId),
      this.deps.passkeys.countOf(userId),
      this.deps.recoveryCodes.countUnused(userId),
    ]);
    const hasFactor = totp?.status === 'active' || passkeys > 0;
    if (!hasFactor) return [];
    return [
      ...(totp?.status === 'active' ? (['totp'] as const) : []),
      ...(codes > 0 ? (['recovery-code'] as const) : []),
      ...(passkeys > 0 ? (['passkey'] as const) : []),
    ];
  }

  /** What the account has set up, for its owner. */
  async statusOf(
    userId: Types.ObjectId,
  ): Promise<{ totp: 'off' | 'pending' | 'on'; passkeys: number; recoveryCodesLeft: number }> {
    const [totp, passkeys, recoveryCodesLeft] = await Promise.all([
      this.deps.totp.findOf(userId),
      this.deps.passkeys.countOf(userId),
      this.deps.recoveryCodes.countUnused(userId),
    ]);
    return { totp: totp ? (totp.status === 'active' ? 'on' : 'pending') : 'off', passkeys, recoveryCodesLeft };
  }

  async hasAnyFactor(userId: Types.ObjectId | string): Promise<boolean> {
    return (await this.methodsOf(new Types.ObjectId(userId))).length > 0;
  }

  /**
   * Checks the proof for `user`; answers its `amr` value (`otp` for codes, `hwk` for a passkey). 401
   * when it is wrong, 429 while this address is locked out of this account's codes.
   */
  async verify(user: UserRecord, proof: SecondFactorProof, client: ClientInfo): Promise<'otp' | 'hwk'> {
    if ('passkey' in proof) {
      await this.deps.assertions.verify(proof.passkey, 'second-factor', user._id, client);
      return 'hwk';
    }
    const { failedCodes } = this.deps;
    const now = this.deps.now();
    await failedCodes.refuseLockedAddress(user.email, user, client, now, 'Too many wrong codes; try again later.');
    const accepted =
      'code' in proof
        ? await this.acceptTotp(user, proof.code, now)
        : await this.acceptRecoveryCode(user, proof.recoveryCode, now, client);
    if (!accepted) {
      await failedCodes.recordFailure(user.email, user, client, now, {
        method: 'code' in proof ? 'totp' : 'recovery-code',
      });
      throw new UnauthorizedError(WRONG_CODE);
    }
    await failedCodes.recordSuccess(user.email, client.ip);
    return 'otp';
  }

  private async acceptTotp(user: UserRecord, code: string, now: Date): Promise<boolean> {
    const factor = await this.deps.totp.findOf(user._id);
    if (factor?.status !== 'active') return false;
    const secret = this.deps.box.open(factor.sealedSecret, user._id.toString());
    const step = acceptedTotpStep(secret, code, now, factor.lastUsedStep ?? 0);
    // The step is claimed with a conditional update: of two requests with one code, one wins.
    return step !== null && (await this.deps.totp.claimStep(user._id, step));
  }

  private async acceptRecoveryCode(user: UserRecord, input: string, now: Date, client: ClientInfo): Promise<boolean> {
    const normalized = normalizeRecoveryCode(input);
    if (!normalized) return false;
    const { recoveryCodes, box } = this.deps;
    const left = (await recoveryCodes.countUnused(user._id)) - 1;
    const used = await recoveryCodes.use(user._id, box.digest(normalized), now, client.ip, (codeId) => ({
      key: `recovery-code-used:${codeId.toString()}`,
      to: user.email,
      subject: 'A recovery code was used to sign in to your account',
      text:
        `Hello ${user.name},\n\nOne of your recovery codes was used to sign in to your account at ` +
        `${now.toISOString()} from ${client.ip}. ${Math.max(left, 0)} unused codes are left.\n\n` +
        'If this was not you, change your password now and make new recovery codes; each code works only once.\n',
    }));
    if (!used) return false;
    this.deps.mail.relaySoon(RECOVERY_CODE_MAIL_SOURCE, used._id);
    await this.deps.audit.record(
      'mfa.recovery_code_used',
      { userId: user._id.toString(), email: user.email, ip: client.ip, details: { left: Math.max(left, 0) } },
      client.log,
    );
    return true;
  }
}
