/** The RealWorld (Conduit) API, as the rest of the project sees it: an adapter onto posts, comments, follows and favorites. */
export { AuthServiceClient, type AuthServiceClientOptions } from './auth-service.client.js';
export { RealWorldArticleService } from './realworld-articles.service.js';
export { AuthorDirectory } from './realworld-authors.js';
export { RealWorldUserService } from './realworld-users.service.js';
export { registerRealWorldPaths } from './realworld.openapi.js';
export { realWorldErrors, realWorldRoutes } from './realworld.routes.js';
