/** The passkeys feature, as the rest of the project sees it: WebAuthn credentials, their ceremonies and routes. */
export { PasskeyAssertions, type AssertionPurpose, type RelyingParty } from './passkey-assertions.js';
export { registerPasskeyPaths } from './passkey.openapi.js';
export { PasskeyRepository } from './passkey.repository.js';
export { passkeyRoutes } from './passkey.routes.js';
export {
  AuthenticationResponseSchema,
  RequestOptionsSchema,
  type AuthenticationResponseBody,
} from './passkey.schemas.js';
export { PasskeyService, type FactorChangeGuard } from './passkey.service.js';
export { WebAuthnChallengeRepository } from './webauthn-challenge.repository.js';
