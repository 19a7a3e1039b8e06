/** Movies: create, change, browse with title search and filters. */
import { escapeRegExp, NotFoundError, pageOffset, toMongoSort, toPage, type Page } from '@roadmap/core';
import type { MovieModel, MovieRecord } from './movie.model.js';
import type { Movie, MovieInput, MovieListQuery, MoviePatch } from './movie.schemas.js';

type MovieDoc = MovieRecord & { _id: { toString(): string } };

export function toMovie(doc: MovieDoc): Movie {
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

export class MovieService {
  constructor(private readonly movies: MovieModel) {}

  async create(input: MovieInput): Promise<Movie> {
    const doc = await this.movies.create({ ...input, releaseDate: new Date(input.releaseDate) });
    return toMovie(doc.toObject());
  }

  async get(id: string): Promise<Movie> {
    const doc = await this.movies.findById(id).lean<MovieDoc>();
    if (!doc) throw new NotFoundError(`Movie ${id} does not exist.`);
    return toMovie(doc);
  }

  async update(id: string, patch: MoviePatch): Promise<Movie> {
    const { releaseDate, ...rest } = patch;
    const changes = { ...rest, ...(releaseDate ? { releaseDate: new Date(releaseDate) } : {}) };
    const doc = await this.movies
      .findByIdAndUpdate(id, { $set: changes }, { returnDocument: 'after', runValidators: true })
      .lean<MovieDoc>();
    if (!doc) throw new NotFoundError(`Movie ${id} does not exist.`);
    return toMovie(doc);
  }

  async list(query: MovieListQuery): Promise<Page<Movie>> {
    const filter: Record<string, unknown> = {};
    if (query.q) filter.title = { $regex: escapeRegExp(query.q), $options: 'i' };
    if (query.genre) filter.genres = query.genre;
    if (query.language) filter.languages = query.language;
    if (query.status) filter.status = query.status;
    const [docs, total] = await Promise.all([
      this.movies
        .find(filter)
        .sort(toMongoSort(query.sort))
        .skip(pageOffset(query))
        .limit(query.limit)
        .lean<MovieDoc[]>(),
      this.movies.countDocuments(filter),
    ]);
    return toPage(docs.map(toMovie), query, total);
  }
}
