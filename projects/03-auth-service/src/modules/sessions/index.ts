/** The sessions feature, as the rest of the project sees it: refresh-token families and the caller's sessions. */
export { hashToken, newOpaqueToken } from './opaque-token.js';
export { registerSessionPaths } from './session.openapi.js';
export { SessionRepository } from './session.repository.js';
export { sessionRoutes } from './session.routes.js';
export { SessionTokens, type AccessTokenAnswer, type EnrolmentRule, type TokenPair } from './session-tokens.js';
export {
  SessionService,
  type Authentication,
  type IssuedRefreshToken,
  type RotatedSession,
} from './session.service.js';
