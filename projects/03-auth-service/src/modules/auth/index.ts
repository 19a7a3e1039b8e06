/** The auth feature, as the rest of the project sees it: accounts' login, tokens, lockout and emailed links. */
export { registerAuthPaths } from './auth.openapi.js';
export { createRateLimiters, type RateLimiters, type RateLimitSettings } from './auth.rate-limits.js';
export { authRoutes } from './auth.routes.js';
export { AccountService, type AccountEmails, type OwedMailRelay } from './account.service.js';
export { TokenResponseSchema } from './auth.schemas.js';
export { FailedLogins } from './failed-logins.js';
export { PasswordSignIn, type SecondFactorGate } from './password-sign-in.service.js';
export {
  MfaRequiredSchema,
  SECOND_FACTOR_METHODS,
  type MfaRequired,
  type SecondFactorMethod,
} from './sign-in.schemas.js';
export { tokenResponder, type CookieSettings, type TokenResponder } from './token-cookie.js';
export type { EmailTokenPurpose } from './email-token.model.js';
export { EMAIL_TOKEN_MAIL_SOURCE, EmailTokenRepository } from './email-token.repository.js';
export { EmailTokens } from './email-token.service.js';
export type { AccountAttackPolicy, LockoutPolicy } from './lockout-policy.js';
export { LoginLockout } from './login-lockout.js';
