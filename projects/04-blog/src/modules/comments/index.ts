/** The comments feature, as the rest of the project sees it. */
export { commentEmailKey } from './comment.email.js';
export { registerCommentPaths } from './comment.openapi.js';
export { COMMENT_MAIL_SOURCE, CommentRepository } from './comment.repository.js';
export { commentRoutes } from './comment.routes.js';
export { CommentService, type OwedMailRelay } from './comment.service.js';
