/**
 * The account-level rules of second factors: who must enrol one (MFA_REQUIRED_ROLES), and that a
 * factor change (adding, removing, new recovery codes) on an account that already has a factor needs
 * a fresh one, so a stolen session cannot swap in the thief's own. Enrolling the first factor ends
 * the account's other sessions: they were signed in with the password alone.
 */
import { assertFreshSecondFactor, type AuthUser, type Role } from '@roadmap/auth';
import { Types } from 'mongoose';
import type { ClientInfo } from '../audit/index.js';
import type { SessionService } from '../sessions/index.js';
import { NotFoundError } from '@roadmap/core';
import type { UserRecord, UserRepository } from '../users/index.js';
import type { MfaStatus } from './mfa.schemas.js';
import type { RecoveryCodes } from './recovery-codes.service.js';
import type { SecondFactors } from './second-factors.service.js';

export interface MfaPolicyDeps {
  factors: SecondFactors;
  recoveryCodes: RecoveryCodes;
  sessions: SessionService;
  users: UserRepository;
  requiredRoles: readonly Role[];
  /** How recent a second factor must be for a factor change or a step-up route. */
  stepUpMaxAgeSeconds: number;
  now: () => Date;
}

export class MfaPolicy {
  constructor(private readonly deps: MfaPolicyDeps) {}

  async hasAnyFactor(userId: string): Promise<boolean> {
    return this.deps.factors.hasAnyFactor(userId);
  }

  async isEnrolmentRequired(user: UserRecord): Promise<boolean> {
    return this.deps.requiredRoles.includes(user.role) && !(await this.deps.factors.hasAnyFactor(user._id));
  }

  async statusOf(userId: string): Promise<MfaStatus> {
    const user = await this.deps.users.findById(userId);
    if (!user) throw new NotFoundError('The user no longer exists.');
    const status = await this.deps.factors.statusOf(user._id);
    return { ...status, enrolmentRequired: await this.isEnrolmentRequired(user) };
  }

  /** Throws 401 insufficient_user_authentication when the account has a factor the caller did not just prove. */
  async assertMayChangeFactors(caller: AuthUser): Promise<void> {
    if (!(await this.deps.factors.hasAnyFactor(caller.id))) return;
    assertFreshSecondFactor(caller, { maxAgeSeconds: this.deps.stepUpMaxAgeSeconds, now: this.deps.now });
  }

  /** After a factor was removed: with none left, the recovery codes go too (they back up a factor). */
  async factorRemoved(userId: string): Promise<void> {
    if (!(await this.deps.factors.hasAnyFactor(userId)))
      await this.deps.recoveryCodes.removeAll(new Types.ObjectId(userId));
  }

  /**
   * After a factor was added: when it is the account's only one, the other sessions end and the
   * recovery codes are made (answered once, to be shown once); null when it was not the first.
   */
  async factorAdded(caller: AuthUser, client: ClientInfo): Promise<string[] | null> {
    const methods = await this.deps.factors.methodsOf(new Types.ObjectId(caller.id));
    if (methods.filter((method) => method !== 'recovery-code').length !== 1) return null;
    await this.deps.sessions.revokeAll(caller.id, 'second factor enrolled', caller.sessionId);
    return this.deps.recoveryCodes.generate(caller.id, client);
  }
}
