/**
 * Shows: scheduling without overlaps on a screen, browsing, the seat map, blocked seats and the
 * per-show report. Seat states come from the seat locks; an expired hold already reads as available.
 */
import {
  ConflictError,
  escapeRegExp,
  NotFoundError,
  pageOffset,
  toMongoSort,
  toPage,
  ValidationError,
  type Page,
} from '@roadmap/core';
import { Types } from 'mongoose';
import type { Models } from '../../models.js';
import { seatsPhrase, type SeatLocks } from '../bookings/seat-locks.js';
import { unpricedSeatTypes, type PriceTable } from '../bookings/pricing.js';
import { locateSeats, seatsOf, seatTypesOf, type RowLayout, type SeatPosition } from '../theaters/seat-layout.js';
import type { ScreenDoc, TheaterDoc } from '../theaters/theater.service.js';
import { dayRange, overlapFilter, rangesOverlap, showEndsAt } from './show-timing.js';
import type { SeatMap, SeatState, Show, ShowInput, ShowListQuery, ShowReport } from './show.schemas.js';

export interface ShowServiceOptions {
  models: Models;
  seatLocks: SeatLocks;
  now: () => Date;
  cleaningGapMinutes: number;
}

interface ShowDoc {
  _id: Types.ObjectId;
  movie: Types.ObjectId;
  theater: Types.ObjectId;
  screen: Types.ObjectId;
  city: string;
  startsAt: Date;
  endsAt: Date;
  prices: PriceTable;
}

interface PopulatedShowDoc extends Omit<ShowDoc, 'movie' | 'theater'> {
  movie: { _id: Types.ObjectId; title: string; durationMinutes: number } | null;
  theater: TheaterDoc | null;
}

/** A show with its screen's layout, which booking needs to locate and price seats. */
export interface ShowWithLayout {
  show: ShowDoc;
  rows: RowLayout[];
}

interface TimedShow {
  _id: Types.ObjectId;
  startsAt: Date;
  endsAt: Date;
}

/** No show lasts longer than this (600-minute movie + 240-minute gap), bounding the re-check window. */
const MAX_SHOW_SPAN_MS = (600 + 240) * 60_000;

function overlapConflict(other: TimedShow): ConflictError {
  return new ConflictError('Another show uses this screen at that time (cleaning gap included).', {
    extensions: {
      conflictingShow: {
        id: other._id.toString(),
        startsAt: other.startsAt.toISOString(),
        endsAt: other.endsAt.toISOString(),
      },
    },
  });
}

function pricesOf(prices: PriceTable): Show['prices'] {
  return {
    standard: prices.standard ?? 0,
    ...(typeof prices.premium === 'number' ? { premium: prices.premium } : {}),
    ...(typeof prices.accessible === 'number' ? { accessible: prices.accessible } : {}),
  };
}

function toShow(doc: PopulatedShowDoc): Show {
  const screen = doc.theater?.screens.find((s) => s._id.toString() === doc.screen.toString());
  return {
    id: doc._id.toString(),
    movie: {
      id: doc.movie?._id.toString() ?? '',
      title: doc.movie?.title ?? '(deleted movie)',
      durationMinutes: doc.movie?.durationMinutes ?? 0,
    },
    theater: { id: doc.theater?._id.toString() ?? '', name: doc.theater?.name ?? '(deleted theater)', city: doc.city },
    screen: { id: doc.screen.toString(), name: screen?.name ?? '(deleted screen)' },
    startsAt: doc.startsAt.toISOString(),
    endsAt: doc.endsAt.toISOString(),
    prices: pricesOf(doc.prices),
  };
}

export class ShowService {
  private readonly models: Models;
  private readonly seatLocks: SeatLocks;
  private readonly now: () => Date;
  private readonly cleaningGapMinutes: number;

  constructor({ models, seatLocks, now, cleaningGapMinutes }: ShowServiceOptions) {
    this.models = models;
    this.seatLocks = seatLocks;
    this.now = now;
    this.cleaningGapMinutes = cleaningGapMinutes;
  }

  async create(input: ShowInput): Promise<Show> {
    const [movie, theater] = await Promise.all([
      this.models.Movie.findById(input.movieId).lean<{
        _id: Types.ObjectId;
        status: string;
        durationMinutes: number;
      }>(),
      this.models.Theater.findById(input.theaterId).lean<TheaterDoc>(),
    ]);
    if (!movie) throw new ValidationError([{ field: 'body.movieId', message: 'no movie has this id' }]);
    if (!theater) throw new ValidationError([{ field: 'body.theaterId', message: 'no theater has this id' }]);
    const screen = theater.screens.find((s) => s._id.toString() === input.screenId);
    if (!screen)
      throw new ValidationError([{ field: 'body.screenId', message: 'this theater has no screen with this id' }]);
    if (movie.status === 'archived') throw new ConflictError('An archived movie cannot get new shows.');
    const missing = unpricedSeatTypes(seatTypesOf(screen.rows), input.prices);
    if (missing.length > 0) {
      throw new ValidationError(
        missing.map((type) => ({
          field: `body.prices.${type}`,
          message: `the screen has ${type} seats; give their price`,
        })),
      );
    }
    const startsAt = new Date(input.startsAt);
    if (startsAt <= this.now())
      throw new ValidationError([{ field: 'body.startsAt', message: 'a show must start in the future' }]);
    const endsAt = showEndsAt(startsAt, movie.durationMinutes, this.cleaningGapMinutes);
    const range = { startsAt, endsAt };
    const slot = { theater: theater._id, screen: screen._id };
    const clash = await this.models.Show.findOne(
      { ...slot, ...overlapFilter(range) },
      { _id: 1, startsAt: 1, endsAt: 1 },
    ).lean<TimedShow>();
    if (clash) throw overlapConflict(clash);
    const created = await this.models.Show.create({
      ...slot,
      movie: movie._id,
      city: theater.city,
      startsAt,
      endsAt,
      prices: input.prices,
    });
    // Check-then-insert alone lets two simultaneous requests both pass. Re-checking after the insert
    // closes that: of two clashing shows, at least the later checker sees the other and withdraws.
    const others = await this.models.Show.find(
      {
        ...slot,
        _id: { $ne: created._id },
        startsAt: { $lt: endsAt, $gte: new Date(startsAt.getTime() - MAX_SHOW_SPAN_MS) },
      },
      { _id: 1, startsAt: 1, endsAt: 1 },
    ).lean<TimedShow[]>();
    const raced = others.find((other) => rangesOverlap(other, range));
    if (raced) {
      await this.models.Show.deleteOne({ _id: created._id });
      throw overlapConflict(raced);
    }
    return this.get(created._id.toString());
  }

  async get(id: string): Promise<Show> {
    const doc = await this.populated(this.models.Show.findById(id)).lean<PopulatedShowDoc>();
    if (!doc) throw new NotFoundError(`Show ${id} does not exist.`);
    return toShow(doc);
  }

  async list(query: ShowListQuery): Promise<Page<Show>> {
    const filter: Record<string, unknown> = {};
    if (query.movie) filter.movie = new Types.ObjectId(query.movie);
    if (query.city) filter.city = { $regex: `^${escapeRegExp(query.city)}$`, $options: 'i' };
    if (query.date) {
      const day = dayRange(query.date);
      filter.startsAt = { $gte: day.startsAt, $lt: day.endsAt };
    }
    const [docs, total] = await Promise.all([
      this.populated(
        this.models.Show.find(filter).sort(toMongoSort(query.sort)).skip(pageOffset(query)).limit(query.limit),
      ).lean<PopulatedShowDoc[]>(),
      this.models.Show.countDocuments(filter),
    ]);
    return toPage(docs.map(toShow), query, total);
  }

  /** The show and its screen's rows; 404 if the show (or its screen) is gone. */
  async findWithLayout(id: string): Promise<ShowWithLayout> {
    const show = await this.models.Show.findById(id).lean<ShowDoc>();
    if (!show) throw new NotFoundError(`Show ${id} does not exist.`);
    const theater = await this.models.Theater.findById(show.theater, { screens: 1 }).lean<{ screens: ScreenDoc[] }>();
    const screen = theater?.screens.find((s) => s._id.toString() === show.screen.toString());
    if (!screen) throw new NotFoundError(`The screen of show ${id} no longer exists.`);
    return { show, rows: screen.rows };
  }

  /** Typed positions of the requested seats; 400 naming any seat the screen does not have. */
  locate(rows: RowLayout[], seats: readonly string[]): SeatPosition[] {
    const { found, unknown } = locateSeats(rows, seats);
    if (unknown.length > 0) {
      throw new ValidationError(
        [{ field: 'body.seats', message: `this screen has no seat ${unknown.join(', ')}` }],
        'Some seats do not exist on this screen.',
      );
    }
    return found;
  }

  async seatMap(id: string): Promise<SeatMap> {
    const { show, rows } = await this.findWithLayout(id);
    return this.seatMapOf(id, show, rows);
  }

  /** Admin: takes seats out of sale, all or nothing; 409 naming seats already held, booked or blocked. */
  async blockSeats(id: string, seats: readonly string[]): Promise<SeatMap> {
    const { show, rows } = await this.findWithLayout(id);
    this.locate(rows, seats);
    const claim = await this.seatLocks.claim({ show: show._id, seats, state: 'blocked', now: this.now() });
    if (!claim.ok) {
      throw new ConflictError(`${seatsPhrase(claim.takenSeats)} not available.`, {
        extensions: { takenSeats: claim.takenSeats },
      });
    }
    // The show and its layout were just read; only the locks have changed.
    return this.seatMapOf(id, show, rows);
  }

  private async seatMapOf(id: string, show: ShowDoc, rows: RowLayout[]): Promise<SeatMap> {
    const locks = await this.seatLocks.activeLocks(show._id, this.now());
    const stateOf = new Map<string, SeatState>(locks.map((lock) => [lock.seat, lock.state]));
    const counts: Record<SeatState, number> = { available: 0, held: 0, booked: 0, blocked: 0 };
    const seats = seatsOf(rows).map((seat) => {
      const state = stateOf.get(seat.id) ?? 'available';
      counts[state] += 1;
      return { ...seat, state };
    });
    return {
      showId: id,
      rows: rows.map((row) => ({
        label: row.label,
        seats: seats
          .filter((seat) => seat.row === row.label)
          .map(({ id: seatId, number, type, state }) => ({ id: seatId, number, type, state })),
      })),
      counts,
    };
  }

  async unblockSeat(id: string, seat: string): Promise<void> {
    const { show } = await this.findWithLayout(id);
    const released = await this.seatLocks.releaseSeats(show._id, [seat]);
    if (released === 0) throw new NotFoundError(`Seat ${seat} is not blocked on this show.`);
  }

  async report(id: string): Promise<ShowReport> {
    const map = await this.seatMap(id);
    const showId = new Types.ObjectId(id);
    const now = this.now();
    const [confirmed, cancelled, activeHolds] = await Promise.all([
      this.models.Booking.find({ show: showId, status: 'confirmed' }, { amount: 1 }).lean<{ amount: number }[]>(),
      this.models.Booking.countDocuments({ show: showId, status: 'cancelled' }),
      this.models.Booking.countDocuments({ show: showId, status: 'held', holdExpiresAt: { $gt: now } }),
    ]);
    const capacity = Object.values(map.counts).reduce((sum, count) => sum + count, 0);
    const sold = map.counts.booked;
    return {
      showId: id,
      capacity,
      seats: map.counts,
      occupancyPercent: capacity === 0 ? 0 : Math.round((sold / capacity) * 1000) / 10,
      bookings: { confirmed: confirmed.length, cancelled, activeHolds },
      revenue: confirmed.reduce((sum, booking) => sum + booking.amount, 0),
      currency: 'USD',
    };
  }

  private populated<Q extends { populate(path: string, select: string): Q }>(query: Q): Q {
    return query.populate('movie', 'title durationMinutes').populate('theater', 'name city screens._id screens.name');
  }
}
