/** The users feature, as the rest of the project sees it: accounts, and what admins do to them. */
export type { UserRecord } from './user.model.js';
export { registerAdminPaths } from './user.openapi.js';
export { UserRepository } from './user.repository.js';
export { adminRoutes } from './user.routes.js';
export { UserEnvelopeSchema, UserSchema, type PublicUser } from './user.schemas.js';
export { UserAdminService, type SessionRevoker } from './user.service.js';
export { toPublicUser } from './user.view.js';
