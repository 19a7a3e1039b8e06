/** The only code that queries the theaters collection. */
import { escapeRegExp, type Page, type PageRequest, type SortSpec } from '@roadmap/core';
import { findPage } from '@roadmap/core/mongo';
import type { Connection, Types } from 'mongoose';
import { createTheaterModel, type ScreenRecord, type TheaterModel, type TheaterRecord } from './theater.model.js';
import type { ScreenInput, TheaterInput, TheaterPatch } from './theater.schemas.js';

/** What a show shows of its theater: the name, the city and the names of its screens. */
export type TheaterSummary = Pick<TheaterRecord, '_id' | 'name' | 'city'> & {
  screens: Pick<ScreenRecord, '_id' | 'name'>[];
};

export class TheaterRepository {
  private readonly theaters: TheaterModel;

  constructor(connection: Connection) {
    this.theaters = createTheaterModel(connection);
  }

  async create(input: TheaterInput): Promise<TheaterRecord> {
    const doc = await this.theaters.create(input);
    return doc.toObject<TheaterRecord>();
  }

  async findById(id: string | Types.ObjectId): Promise<TheaterRecord | null> {
    return this.theaters.findById(id).lean<TheaterRecord>();
  }

  /** The theater with this name in this city (they are unique together), if any. */
  async findByName(name: string, city: string): Promise<TheaterRecord | null> {
    return this.theaters.findOne({ name, city }).lean<TheaterRecord>();
  }

  async findSummaries(ids: readonly Types.ObjectId[]): Promise<TheaterSummary[]> {
    return this.theaters
      .find({ _id: { $in: ids } }, { name: 1, city: 1, 'screens._id': 1, 'screens.name': 1 })
      .lean<TheaterSummary[]>();
  }

  /** One screen of the theater with its seat rows; null if the theater or the screen is gone. */
  async findScreen(theaterId: Types.ObjectId, screenId: Types.ObjectId): Promise<ScreenRecord | null> {
    const theater = await this.theaters.findById(theaterId, { screens: 1 }).lean<Pick<TheaterRecord, 'screens'>>();
    return theater?.screens.find((screen) => screen._id.equals(screenId)) ?? null;
  }

  async update(id: string, patch: TheaterPatch): Promise<TheaterRecord | null> {
    return this.theaters
      .findByIdAndUpdate(id, { $set: patch }, { returnDocument: 'after', runValidators: true })
      .lean<TheaterRecord>();
  }

  /** The names of the theater's screens and its document version, for a conditional addScreen. */
  async screenNames(id: string): Promise<{ names: string[]; version: number } | null> {
    const theater = await this.theaters
      .findById(id, { 'screens.name': 1, __v: 1 })
      .lean<{ screens: { name: string }[]; __v: number }>();
    return theater && { names: theater.screens.map((screen) => screen.name), version: theater.__v };
  }

  /**
   * Adds a screen if the theater is still at `version`; null when it changed meanwhile. The version
   * (`__v`) makes the name check and the push atomic together, rather than a `screens.name: {$ne}`
   * filter, which FerretDB v1 evaluates differently from MongoDB on arrays of subdocuments.
   */
  async addScreen(id: string, version: number, input: ScreenInput): Promise<TheaterRecord | null> {
    return this.theaters
      .findOneAndUpdate(
        { _id: id, __v: version },
        { $push: { screens: input }, $inc: { __v: 1 } },
        { returnDocument: 'after', runValidators: true },
      )
      .lean<TheaterRecord>();
  }

  async page(filter: { city?: string }, request: PageRequest, sort: SortSpec): Promise<Page<TheaterRecord>> {
    const query = filter.city ? { city: { $regex: `^${escapeRegExp(filter.city)}$`, $options: 'i' } } : {};
    return findPage<TheaterRecord>(this.theaters, query, request, sort);
  }

  async ensureIndexes(): Promise<void> {
    await this.theaters.createIndexes();
  }
}
