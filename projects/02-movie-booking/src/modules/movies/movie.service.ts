/** Movies: create, change, browse with title search and filters. */
import { ConflictError, escapeRegExp, NotFoundError, pageOffset, toMongoSort, toPage, type Page } from '@roadmap/core';
import type { ShowModel } from '../shows/show.model.js';
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
  constructor(
    private readonly movies: MovieModel,
    /** A show's end is derived from its movie's duration, so upcoming shows pin the duration. */
    private readonly shows: ShowModel,
    private readonly now: () => Date,
  ) {}

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
    if (patch.durationMinutes !== undefined) await this.assertNoUpcomingShows(id, patch.durationMinutes);
    const { releaseDate, ...rest } = patch;
    const changes = { ...rest, ...(releaseDate ? { releaseDate: new Date(releaseDate) } : {}) };
    const doc = await this.movies
      .findByIdAndUpdate(id, { $set: changes }, { returnDocument: 'after', runValidators: true })
      .lean<MovieDoc>();
    if (!doc) throw new NotFoundError(`Movie ${id} does not exist.`);
    return toMovie(doc);
  }

  /** Changing the duration would leave upcoming shows with a stale end, free to overlap others. */
  private async assertNoUpcomingShows(id: string, durationMinutes: number): Promise<void> {
    const current = await this.movies.findById(id, { durationMinutes: 1 }).lean<{ durationMinutes: number }>();
    if (!current || current.durationMinutes === durationMinutes) return;
    const upcoming = await this.shows.countDocuments({ movie: id, endsAt: { $gt: this.now() } });
    if (upcoming > 0) {
      throw new ConflictError(
        `This movie has ${upcoming} upcoming show(s) timed by its duration; reschedule them before changing it.`,
        { extensions: { upcomingShows: upcoming } },
      );
    }
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
