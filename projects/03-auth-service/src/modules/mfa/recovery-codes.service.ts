/**
 * Making recovery codes: 10 at a time, shown once and stored only as keyed digests; a new set
 * replaces the old one. Using one is a second factor (second-factors.service.ts).
 */
import type { AuthUser } from '@roadmap/auth';
import { ConflictError } from '@roadmap/core';
import { Types } from 'mongoose';
import type { AuditLog, ClientInfo } from '../audit/index.js';
import { newRecoveryCodes, normalizeRecoveryCode } from './recovery-code.js';
import type { RecoveryCodeRepository } from './recovery-code.repository.js';
import type { SecretBox } from './secret-box.js';

export interface RecoveryCodesDeps {
  codes: RecoveryCodeRepository;
  box: SecretBox;
  audit: AuditLog;
  now: () => Date;
}

/** The checks a regeneration must pass first (the account has a factor, proven freshly). */
export interface RegenerationGuard {
  hasAnyFactor(userId: string): Promise<boolean>;
  assertMayChangeFactors(caller: AuthUser): Promise<void>;
}

export class RecoveryCodes {
  constructor(private readonly deps: RecoveryCodesDeps) {}

  /** A new set replacing the user's codes; the codes themselves are answered once and never stored. */
  async generate(userId: string, client: ClientInfo): Promise<string[]> {
    const codes = newRecoveryCodes();
    const digests = codes.map((code) => this.deps.box.digest(normalizeRecoveryCode(code) ?? code));
    await this.deps.codes.replace(new Types.ObjectId(userId), digests, this.deps.now());
    await this.deps.audit.record(
      'mfa.recovery_codes_generated',
      { userId, ip: client.ip, details: { count: codes.length } },
      client.log,
    );
    return codes;
  }

  /** A new set on the caller's request, which needs a fresh second factor. */
  async regenerate(caller: AuthUser, guard: RegenerationGuard, client: ClientInfo): Promise<string[]> {
    if (!(await guard.hasAnyFactor(caller.id))) {
      throw new ConflictError('Set up an authenticator app or a passkey first; recovery codes back them up.');
    }
    await guard.assertMayChangeFactors(caller);
    return this.generate(caller.id, client);
  }

  async remaining(userId: Types.ObjectId): Promise<number> {
    return this.deps.codes.countUnused(userId);
  }

  async removeAll(userId: Types.ObjectId): Promise<void> {
    await this.deps.codes.removeAll(userId);
  }
}
