/** Movies: create, change, browse with title search and filters. */
import { ConflictError, mapPage, NotFoundError, type Page } from '@roadmap/core';
import type { MovieRepository } from './movie.repository.js';
import type { Movie, MovieInput, MovieListQuery, MoviePatch } from './movie.schemas.js';
import { toMovie } from './movie.view.js';

/** How many shows still to come are timed by a movie's duration (the shows feature answers). */
export interface UpcomingShows {
  countForMovie(movieId: string, now: Date): Promise<number>;
}

export interface MovieServiceDeps {
  movies: MovieRepository;
  /** A show's end is derived from its movie's duration, so upcoming shows pin the duration. */
  upcomingShows: UpcomingShows;
  now: () => Date;
}

export class MovieService {
  constructor(private readonly deps: MovieServiceDeps) {}

  async create(input: MovieInput): Promise<Movie> {
    return toMovie(await this.deps.movies.create({ ...input, releaseDate: new Date(input.releaseDate) }));
  }

  async get(id: string): Promise<Movie> {
    const doc = await this.deps.movies.findById(id);
    if (!doc) throw new NotFoundError(`Movie ${id} does not exist.`);
    return toMovie(doc);
  }

  /** The movie with this title and release date, if one exists (the seed keeps what is there). */
  async findByTitle(title: string, releaseDate: string): Promise<Movie | undefined> {
    const doc = await this.deps.movies.findByTitle(title, new Date(releaseDate));
    return doc ? toMovie(doc) : undefined;
  }

  async update(id: string, patch: MoviePatch): Promise<Movie> {
    if (patch.durationMinutes !== undefined) await this.assertNoUpcomingShows(id, patch.durationMinutes);
    const { releaseDate, ...rest } = patch;
    const doc = await this.deps.movies.update(id, {
      ...rest,
      ...(releaseDate ? { releaseDate: new Date(releaseDate) } : {}),
    });
    if (!doc) throw new NotFoundError(`Movie ${id} does not exist.`);
    return toMovie(doc);
  }

  async list(query: MovieListQuery): Promise<Page<Movie>> {
    const filter = { text: query.q, genre: query.genre, language: query.language, status: query.status };
    return mapPage(await this.deps.movies.page(filter, query, query.sort), toMovie);
  }

  /** Changing the duration would leave upcoming shows with a stale end, free to overlap others. */
  private async assertNoUpcomingShows(id: string, durationMinutes: number): Promise<void> {
    const current = await this.deps.movies.findById(id);
    if (!current || current.durationMinutes === durationMinutes) return;
    const upcoming = await this.deps.upcomingShows.countForMovie(id, this.deps.now());
    if (upcoming > 0) {
      throw new ConflictError(
        `This movie has ${upcoming} upcoming show(s) timed by its duration; reschedule them before changing it.`,
        { extensions: { upcomingShows: upcoming } },
      );
    }
  }
}
