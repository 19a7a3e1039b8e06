/** HTTP <-> the account and sign-in services; tokens and the refresh cookie go out through token-cookie.ts. */
import { currentUser } from '@roadmap/auth';
import { UnauthorizedError, type NoParams } from '@roadmap/core';
import type { Request, Response } from 'express';
import { clientInfo } from '../audit/index.js';
import type { SessionService, SessionTokens } from '../sessions/index.js';
import type { AccountService } from './account.service.js';
import type {
  ForgotPasswordBody,
  LoginBody,
  RefreshBody,
  RegisterBody,
  ResetPasswordBody,
  UpdateMeBody,
  VerifyEmailBody,
} from './auth.schemas.js';
import type { PasswordSignIn } from './password-sign-in.service.js';
import type { TokenResponder } from './token-cookie.js';

export interface AuthControllerDeps {
  account: AccountService;
  signIn: PasswordSignIn;
  tokens: SessionTokens;
  sessions: SessionService;
  responder: TokenResponder;
}

export function createAuthController({ account, signIn, tokens, sessions, responder }: AuthControllerDeps) {
  return {
    async register(req: Request<NoParams, unknown, RegisterBody>, res: Response) {
      const user = await account.register(req.body, clientInfo(req));
      res.status(201).json({ user });
    },
    async login(req: Request<NoParams, unknown, LoginBody>, res: Response) {
      const answer = await signIn.login(req.body, clientInfo(req));
      if ('tokens' in answer) {
        responder.sendTokens(res, answer.tokens);
        return;
      }
      res.set('Cache-Control', 'no-store');
      res.json(answer.challenge);
    },
    async refresh(req: Request<NoParams, unknown, RefreshBody>, res: Response) {
      const token = responder.refreshTokenOf(req);
      if (!token)
        throw new UnauthorizedError('A refresh token is required (body refreshToken or the refresh_token cookie).');
      responder.sendTokens(res, await tokens.refresh(token, clientInfo(req)));
    },
    async logout(req: Request<NoParams, unknown, RefreshBody>, res: Response) {
      const token = responder.refreshTokenOf(req);
      if (token) await sessions.revokeByToken(token);
      responder.clearRefreshCookie(res);
      res.status(204).end();
    },
    async logoutAll(req: Request, res: Response) {
      await sessions.logoutEverywhere(currentUser(req).id, clientInfo(req));
      responder.clearRefreshCookie(res);
      res.status(204).end();
    },
    async me(req: Request, res: Response) {
      res.json({ user: await account.me(currentUser(req).id) });
    },
    async updateMe(req: Request<NoParams, unknown, UpdateMeBody>, res: Response) {
      const caller = currentUser(req);
      res.json({ user: await account.updateMe(caller.id, caller.sessionId, req.body, clientInfo(req)) });
    },
    async verifyEmail(req: Request<NoParams, unknown, VerifyEmailBody>, res: Response) {
      res.json({ user: await account.verifyEmail(req.body.token, clientInfo(req)) });
    },
    async resendVerification(req: Request, res: Response) {
      await account.resendVerification(currentUser(req).id);
      res.status(202).json({ message: 'A new verification email is on its way.' });
    },
    async forgotPassword(req: Request<NoParams, unknown, ForgotPasswordBody>, res: Response) {
      await account.forgotPassword(req.body.email, clientInfo(req));
      res.status(202).json({ message: 'If an account uses this address, a reset link has been sent to it.' });
    },
    async resetPassword(req: Request<NoParams, unknown, ResetPasswordBody>, res: Response) {
      await account.resetPassword(req.body, clientInfo(req));
      res.status(204).end();
    },
  };
}
