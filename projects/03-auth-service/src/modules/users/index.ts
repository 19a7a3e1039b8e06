/** The users feature, as the rest of the project sees it: accounts, public profiles, and what admins do to users. */
export type { UserRecord } from './user.model.js';
export { registerProfilePaths } from './profile.openapi.js';
export { profileRoutes } from './profile.routes.js';
export { ProfileService } from './profile.service.js';
export { registerAdminPaths } from './user.openapi.js';
export { UserRepository, type UserChanges } from './user.repository.js';
export { adminRoutes } from './user.routes.js';
export {
  UserEnvelopeSchema,
  UsernameSchema,
  UserSchema,
  USERNAME_PATTERN,
  type Profile,
  type PublicUser,
} from './user.schemas.js';
export { UserAdminService, type SessionRevoker } from './user.service.js';
export { toProfile, toPublicUser } from './user.view.js';
