/** Theaters and their screens: admins create and change them; anyone reads them. */
import { ConflictError, escapeRegExp, NotFoundError, pageOffset, toMongoSort, toPage, type Page } from '@roadmap/core';
import type { Types } from 'mongoose';
import type { ShowModel } from '../shows/show.model.js';
import type { TheaterModel } from './theater.model.js';
import type { Screen, ScreenInput, Theater, TheaterInput, TheaterListQuery, TheaterPatch } from './theater.schemas.js';
import { seatsOf, seatTypesOf, type RowLayout } from './seat-layout.js';

export interface ScreenDoc {
  _id: Types.ObjectId;
  name: string;
  rows: RowLayout[];
}

export interface TheaterDoc {
  _id: Types.ObjectId;
  name: string;
  city: string;
  address: string;
  screens: ScreenDoc[];
}

export function toScreen(screen: ScreenDoc): Screen {
  const rows = screen.rows.map((row) => ({
    label: row.label,
    seatCount: row.seatCount,
    type: row.type,
    accessibleSeats: [...row.accessibleSeats],
    missingSeats: [...row.missingSeats],
  }));
  return {
    id: screen._id.toString(),
    name: screen.name,
    capacity: seatsOf(rows).length,
    seatTypes: seatTypesOf(rows),
    rows,
  };
}

export function toTheater(doc: TheaterDoc): Theater {
  return {
    id: doc._id.toString(),
    name: doc.name,
    city: doc.city,
    address: doc.address,
    screens: doc.screens.map(toScreen),
  };
}

export class TheaterService {
  constructor(
    private readonly theaters: TheaterModel,
    /** Shows copy their theater's city (to filter by city without a join); a move updates them. */
    private readonly shows: ShowModel,
  ) {}

  async create(input: TheaterInput): Promise<Theater> {
    const doc = await this.theaters.create(input);
    return toTheater(doc.toObject() as unknown as TheaterDoc);
  }

  async get(id: string): Promise<Theater> {
    const doc = await this.theaters.findById(id).lean<TheaterDoc>();
    if (!doc) throw new NotFoundError(`Theater ${id} does not exist.`);
    return toTheater(doc);
  }

  async update(id: string, patch: TheaterPatch): Promise<Theater> {
    const doc = await this.theaters
      .findByIdAndUpdate(id, { $set: patch }, { returnDocument: 'after', runValidators: true })
      .lean<TheaterDoc>();
    if (!doc) throw new NotFoundError(`Theater ${id} does not exist.`);
    if (patch.city !== undefined) await this.shows.updateMany({ theater: doc._id }, { $set: { city: doc.city } });
    return toTheater(doc);
  }

  /**
   * Adds a screen whose name is new in this theater. The check and the push are made atomic with the
   * document version (`__v`) rather than a `screens.name: {$ne}` filter, which FerretDB v1 evaluates
   * differently from MongoDB on arrays of subdocuments.
   */
  async addScreen(id: string, input: ScreenInput): Promise<Screen> {
    const current = await this.theaters
      .findById(id, { 'screens.name': 1, __v: 1 })
      .lean<{ screens: { name: string }[]; __v: number }>();
    if (!current) throw new NotFoundError(`Theater ${id} does not exist.`);
    if (current.screens.some((screen) => screen.name === input.name)) {
      throw new ConflictError(`This theater already has a screen named "${input.name}".`);
    }
    const doc = await this.theaters
      .findOneAndUpdate(
        { _id: id, __v: current.__v },
        { $push: { screens: input }, $inc: { __v: 1 } },
        { returnDocument: 'after', runValidators: true },
      )
      .lean<TheaterDoc>();
    if (!doc) throw new ConflictError('The theater changed while the screen was being added; try again.');
    const screen = doc.screens.find((s) => s.name === input.name);
    if (!screen) throw new NotFoundError('The screen was not saved.');
    return toScreen(screen);
  }

  async list(query: TheaterListQuery): Promise<Page<Theater>> {
    const filter = query.city ? { city: { $regex: `^${escapeRegExp(query.city)}$`, $options: 'i' } } : {};
    const [docs, total] = await Promise.all([
      this.theaters
        .find(filter)
        .sort(toMongoSort(query.sort))
        .skip(pageOffset(query))
        .limit(query.limit)
        .lean<TheaterDoc[]>(),
      this.theaters.countDocuments(filter),
    ]);
    return toPage(docs.map(toTheater), query, total);
  }
}
