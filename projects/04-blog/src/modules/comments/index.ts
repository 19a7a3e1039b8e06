/** The comments feature, as the rest of the project sees it. */
export { registerCommentPaths } from './comment.openapi.js';
export { CommentRepository } from './comment.repository.js';
export { commentRoutes } from './comment.routes.js';
export { CommentService, type CommentNotification, type CommentNotifier } from './comment.service.js';
