/** The only code that queries the shows collection. */
import { type Page, type PageRequest, type SortSpec } from '@roadmap/core';
import { findPage } from '@roadmap/core/mongo';
import { Types, type Connection } from 'mongoose';
import { dayRange, overlapFilter, type TimeRange } from './show-timing.js';
import { cityKeyOf, createShowModel, OLD_CITY_INDEX, type ShowModel, type ShowRecord } from './show.model.js';

export type ShowFields = Pick<ShowRecord, 'movie' | 'theater' | 'screen' | 'city' | 'startsAt' | 'endsAt' | 'prices'>;

/** A show's time on its screen, enough to name it in an overlap conflict. */
export type TimedShow = Pick<ShowRecord, '_id' | 'startsAt' | 'endsAt'>;

/** A screen of a theater (ids as ObjectIds or strings; Mongoose casts them). */
export interface ShowSlot {
  theater: Types.ObjectId | string;
  screen: Types.ObjectId | string;
}

export interface ShowFilter {
  movie?: string;
  /** Exact city name, case-insensitive. */
  city?: string;
  /** Shows starting on this UTC day (`YYYY-MM-DD`). */
  date?: string;
  /** Only shows starting after this moment (the list offers what can still be booked). */
  startingAfter?: Date;
}

const TIMES = { _id: 1, startsAt: 1, endsAt: 1 } as const;

export class ShowRepository {
  private readonly shows: ShowModel;

  constructor(connection: Connection) {
    this.shows = createShowModel(connection);
  }

  async create(fields: ShowFields): Promise<ShowRecord> {
    const doc = await this.shows.create({ ...fields, cityKey: cityKeyOf(fields.city) });
    return doc.toObject<ShowRecord>();
  }

  async findById(id: string | Types.ObjectId): Promise<ShowRecord | null> {
    return this.shows.findById(id).lean<ShowRecord>();
  }

  async deleteById(id: Types.ObjectId): Promise<void> {
    await this.shows.deleteOne({ _id: id });
  }

  /** A show on this screen overlapping `range`, if any. */
  async findOverlapping(slot: ShowSlot, range: TimeRange): Promise<TimedShow | null> {
    return this.shows.findOne({ ...slot, ...overlapFilter(range) }, TIMES).lean<TimedShow>();
  }

  /** The other shows on this screen starting in [from, until), to re-check a new show against. */
  async findStartingBetween(slot: ShowSlot, from: Date, until: Date, except: Types.ObjectId): Promise<TimedShow[]> {
    return this.shows
      .find({ ...slot, _id: { $ne: except }, startsAt: { $lt: until, $gte: from } }, TIMES)
      .lean<TimedShow[]>();
  }

  /** Whether a show starts at this moment on this screen (the seed keeps what is there). */
  async existsAt(slot: ShowSlot, startsAt: Date): Promise<boolean> {
    return (await this.shows.exists({ ...slot, startsAt })) !== null;
  }

  async countUpcomingForMovie(movieId: string, now: Date): Promise<number> {
    return this.shows.countDocuments({ movie: new Types.ObjectId(movieId), endsAt: { $gt: now } });
  }

  /** Shows copy their theater's city (to list by city without a join): a moved theater moves them. */
  async setCity(theaterId: string, city: string): Promise<void> {
    await this.shows.updateMany(
      { theater: new Types.ObjectId(theaterId) },
      { $set: { city, cityKey: cityKeyOf(city) } },
    );
  }

  async page(filter: ShowFilter, request: PageRequest, sort: SortSpec): Promise<Page<ShowRecord>> {
    const query: Record<string, unknown> = {};
    if (filter.movie) query.movie = new Types.ObjectId(filter.movie);
    if (filter.city) query.cityKey = cityKeyOf(filter.city);
    const startsAt: Record<string, Date> = {};
    if (filter.date) {
      const day = dayRange(filter.date);
      Object.assign(startsAt, { $gte: day.startsAt, $lt: day.endsAt });
    }
    if (filter.startingAfter) startsAt.$gt = filter.startingAfter;
    if (Object.keys(startsAt).length > 0) query.startsAt = startsAt;
    return findPage<ShowRecord>(this.shows, query, request, sort);
  }

  /**
   * Builds the indexes, gives shows stored before `cityKey` existed their key (one update per city,
   * as FerretDB v1 has no update pipelines) and drops the city index the key replaced.
   */
  async ensureIndexes(): Promise<void> {
    const cities = await this.shows.distinct('city', { cityKey: { $exists: false } });
    for (const city of cities) {
      await this.shows.updateMany({ city, cityKey: { $exists: false } }, { $set: { cityKey: cityKeyOf(city) } });
    }
    await this.shows.createIndexes();
    const indexes = await this.shows.listIndexes();
    if (indexes.some((index) => index.name === OLD_CITY_INDEX)) await this.shows.collection.dropIndex(OLD_CITY_INDEX);
  }
}
