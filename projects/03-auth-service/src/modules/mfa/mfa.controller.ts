/** HTTP <-> the second-factor services: MFA sign-in, enrolment, recovery codes, step-up. */
import { currentUser } from '@roadmap/auth';
import type { NoParams } from '@roadmap/core';
import type { Request, Response } from 'express';
import { clientInfo } from '../audit/index.js';
import type { TokenResponder } from '../auth/index.js';
import type { MfaPolicy } from './mfa-policy.js';
import type { MfaSignIn } from './mfa-sign-in.service.js';
import type { ConfirmTotpBody, MfaLoginBody, MfaTicketBody, PasskeyLoginBody, StepUpBody } from './mfa.schemas.js';
import type { RecoveryCodes } from './recovery-codes.service.js';
import type { SecondFactorProof } from './second-factors.service.js';
import type { TotpEnrolment } from './totp-enrolment.service.js';

export interface MfaControllerDeps {
  signIn: MfaSignIn;
  enrolment: TotpEnrolment;
  recoveryCodes: RecoveryCodes;
  policy: MfaPolicy;
  responder: TokenResponder;
}

/** The one factor the (validated) body carries. */
function proofOf(body: StepUpBody): SecondFactorProof {
  if (body.code !== undefined) return { code: body.code };
  if (body.recoveryCode !== undefined) return { recoveryCode: body.recoveryCode };
  if (body.passkey !== undefined) return { passkey: body.passkey };
  throw new Error('validation lets exactly one factor through');
}

export function createMfaController({ signIn, enrolment, recoveryCodes, policy, responder }: MfaControllerDeps) {
  const noStore = (res: Response) => res.set('Cache-Control', 'no-store');
  return {
    async completeLogin(req: Request<NoParams, unknown, MfaLoginBody>, res: Response) {
      responder.sendTokens(res, await signIn.complete(req.body.mfaTicket, proofOf(req.body), clientInfo(req)));
    },
    async ticketPasskeyOptions(req: Request<NoParams, unknown, MfaTicketBody>, res: Response) {
      noStore(res).json(await signIn.passkeyOptionsFor(req.body.mfaTicket));
    },
    async passkeyOptions(_req: Request, res: Response) {
      noStore(res).json(await signIn.passkeyOptions());
    },
    async passkeyLogin(req: Request<NoParams, unknown, PasskeyLoginBody>, res: Response) {
      responder.sendTokens(res, await signIn.signInWithPasskey(req.body.response, clientInfo(req)));
    },
    async status(req: Request, res: Response) {
      res.json(await policy.statusOf(currentUser(req).id));
    },
    async startTotp(req: Request, res: Response) {
      noStore(res)
        .status(201)
        .json(await enrolment.start(currentUser(req)));
    },
    async confirmTotp(req: Request<NoParams, unknown, ConfirmTotpBody>, res: Response) {
      const codes = await enrolment.confirm(currentUser(req), req.body.code, clientInfo(req));
      noStore(res).json({ recoveryCodes: codes });
    },
    async disableTotp(req: Request, res: Response) {
      await enrolment.disable(currentUser(req), clientInfo(req));
      res.status(204).end();
    },
    async regenerateRecoveryCodes(req: Request, res: Response) {
      const codes = await recoveryCodes.regenerate(currentUser(req), policy, clientInfo(req));
      noStore(res).status(201).json({ recoveryCodes: codes });
    },
    async stepUpPasskeyOptions(req: Request, res: Response) {
      noStore(res).json(await signIn.stepUpPasskeyOptions(currentUser(req)));
    },
    async stepUp(req: Request<NoParams, unknown, StepUpBody>, res: Response) {
      noStore(res).json(await signIn.stepUp(currentUser(req), proofOf(req.body), clientInfo(req)));
    },
  };
}
