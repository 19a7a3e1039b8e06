/** A stored movie as the API shows it. */
import type { MovieRecord } from './movie.model.js';
import type { Movie } from './movie.schemas.js';

export function toMovie(doc: MovieRecord): Movie {
  return {
    id: doc._id.toString(),
    title: doc.title,
    description: doc.description ?? '',
    genres: doc.genres,
    languages: doc.languages,
    durationMinutes: doc.durationMinutes,
    certification: doc.certification,
    releaseDate: doc.releaseDate.toISOString().slice(0, 10),
    ...(doc.posterUrl ? { posterUrl: doc.posterUrl } : {}),
    status: doc.status,
  };
}
