/** The posts feature, as the rest of the project sees it: posts, their review workflow and who may do what. */
export type { PostRecord } from './post.model.js';
export { registerPostPaths } from './post.openapi.js';
export { isAdmin, type Caller } from './post.policy.js';
export { PostRepository } from './post.repository.js';
export { postRoutes } from './post.routes.js';
export { PostCoverService } from './post-cover.service.js';
export { PostService, type PostDependents } from './post.service.js';
export type { PostStatus } from './post.status.js';
export { PostInputSchema, type PostInput } from './post.schemas.js';
