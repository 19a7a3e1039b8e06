/** The movies feature, as the rest of the project sees it. */
export { CERTIFICATIONS, MOVIE_STATUSES, type MovieRecord } from './movie.model.js';
export { registerMoviePaths } from './movie.openapi.js';
export { MovieRepository, type MovieSummary } from './movie.repository.js';
export { movieRoutes } from './movie.routes.js';
export type { Movie, MovieInput } from './movie.schemas.js';
export { MovieService, type UpcomingShows } from './movie.service.js';
export { toMovie } from './movie.view.js';
