/** The mfa feature, as the rest of the project sees it: second factors, MFA sign-in, step-up and their rules. */
export { MfaPolicy } from './mfa-policy.js';
export { MfaSignIn } from './mfa-sign-in.service.js';
export { MfaTicketRepository } from './mfa-ticket.repository.js';
export { registerMfaLoginPaths, registerMfaPaths } from './mfa.openapi.js';
export { mfaLoginRoutes, mfaRoutes } from './mfa.routes.js';
export { RECOVERY_CODE_MAIL_SOURCE, RecoveryCodeRepository } from './recovery-code.repository.js';
export { RecoveryCodes } from './recovery-codes.service.js';
export { SecondFactors } from './second-factors.service.js';
export { DEVELOPMENT_MFA_KEY, parseMfaKey, SecretBox } from './secret-box.js';
export { TotpEnrolment } from './totp-enrolment.service.js';
export { TotpFactorRepository } from './totp-factor.repository.js';
export { totpCodeAt } from './totp.js';
