/** The categories feature, as the rest of the project sees it. */
export { registerCategoryPaths } from './category.openapi.js';
export { CategoryRepository, type CategorySummary } from './category.repository.js';
export { categoryRoutes } from './category.routes.js';
export { CategoryService, type CategorizedPosts } from './category.service.js';
