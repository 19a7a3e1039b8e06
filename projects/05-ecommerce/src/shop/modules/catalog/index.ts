/** The catalog feature: products, variants, categories, search and the cache in front of them. */
export { CatalogCache, type CacheStats } from './catalog-cache.js';
export { ProductRepository } from './product.repository.js';
export { ProductService } from './product.service.js';
export { catalogAdminRoutes, catalogRoutes } from './product.routes.js';
export { registerCatalogPaths } from './product.openapi.js';
