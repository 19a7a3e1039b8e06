/** The favorites feature, as the rest of the project sees it. */
export { FavoriteRepository } from './favorite.repository.js';
export { FavoriteService, type FavoriteSummary } from './favorite.service.js';
