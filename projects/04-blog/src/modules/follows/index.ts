/** The follows feature, as the rest of the project sees it. */
export { FollowRepository } from './follow.repository.js';
export { FollowService } from './follow.service.js';
