/** The only code that queries the movies collection. */
import { escapeRegExp, type Page, type PageRequest, type SortSpec } from '@roadmap/core';
import { findPage } from '@roadmap/core/mongo';
import type { Connection, QueryFilter, Types } from 'mongoose';
import { createMovieModel, type MovieModel, type MovieRecord } from './movie.model.js';

export type MovieFields = Pick<
  MovieRecord,
  'title' | 'description' | 'genres' | 'languages' | 'durationMinutes' | 'certification' | 'releaseDate' | 'status'
> & { posterUrl?: string };

export interface MovieFilter {
  /** Case-insensitive text in the title. */
  text?: string;
  genre?: string;
  language?: string;
  status?: MovieRecord['status'];
}

/** What a show shows of its movie. */
export type MovieSummary = Pick<MovieRecord, '_id' | 'title' | 'durationMinutes'>;

export class MovieRepository {
  private readonly movies: MovieModel;

  constructor(connection: Connection) {
    this.movies = createMovieModel(connection);
  }

  async create(fields: MovieFields): Promise<MovieRecord> {
    const doc = await this.movies.create(fields);
    return doc.toObject<MovieRecord>();
  }

  async findById(id: string | Types.ObjectId): Promise<MovieRecord | null> {
    return this.movies.findById(id).lean<MovieRecord>();
  }

  /** The movie with this title and release date (they are unique together), if any. */
  async findByTitle(title: string, releaseDate: Date): Promise<MovieRecord | null> {
    return this.movies.findOne({ title, releaseDate }).lean<MovieRecord>();
  }

  async findSummaries(ids: readonly Types.ObjectId[]): Promise<MovieSummary[]> {
    return this.movies.find({ _id: { $in: ids } }, { title: 1, durationMinutes: 1 }).lean<MovieSummary[]>();
  }

  /** Applies `changes` (validated by the schema); null when no movie has this id. */
  async update(id: string, changes: Partial<MovieFields>): Promise<MovieRecord | null> {
    return this.movies
      .findByIdAndUpdate(id, { $set: changes }, { returnDocument: 'after', runValidators: true })
      .lean<MovieRecord>();
  }

  async page(filter: MovieFilter, request: PageRequest, sort: SortSpec): Promise<Page<MovieRecord>> {
    const query: QueryFilter<MovieRecord> = {};
    if (filter.text) query.title = { $regex: escapeRegExp(filter.text), $options: 'i' };
    if (filter.genre) query.genres = filter.genre;
    if (filter.language) query.languages = filter.language;
    if (filter.status) query.status = filter.status;
    return findPage<MovieRecord>(this.movies, query, request, sort);
  }

  async ensureIndexes(): Promise<void> {
    await this.movies.createIndexes();
  }
}
