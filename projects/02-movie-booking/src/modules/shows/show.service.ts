/**
 * Shows: scheduling without overlaps on a screen, browsing, the seat map, blocked seats and the
 * per-show report. Seat states come from the seat locks; an expired hold already reads as available.
 */
import { ConflictError, FieldRuleError, NotFoundError, type Page } from '@roadmap/core';
import type { Types } from 'mongoose';
import type { MovieRepository } from '../movies/index.js';
import { seatsPhrase, type SeatLockRepository } from '../seat-locks/index.js';
import {
  locateSeats,
  seatsOf,
  seatTypesOf,
  type RowLayout,
  type SeatPosition,
  type TheaterRepository,
} from '../theaters/index.js';
import { unpricedSeatTypes } from './pricing.js';
import { rangesOverlap, showEndsAt } from './show-timing.js';
import type { ShowRecord } from './show.model.js';
import type { ShowRepository, TimedShow } from './show.repository.js';
import type { SeatMap, SeatState, Show, ShowInput, ShowListQuery, ShowReport } from './show.schemas.js';
import { toShow } from './show.view.js';

/** What a show sold (the bookings feature answers), for its report. */
export interface ShowSales {
  salesOf(
    showId: Types.ObjectId,
    now: Date,
  ): Promise<{ confirmed: number; cancelled: number; activeHolds: number; revenue: number }>;
}

export interface ShowServiceDeps {
  shows: ShowRepository;
  movies: MovieRepository;
  theaters: TheaterRepository;
  seatLocks: SeatLockRepository;
  sales: ShowSales;
  now: () => Date;
  cleaningGapMinutes: number;
}

/** What a booking's confirmation says about its show. */
export interface ShowDescription {
  startsAt: Date;
  movieTitle: string;
  theater?: { name: string; address: string; city: string } | undefined;
}

/** A show with its screen's layout, which booking needs to locate and price seats. */
export interface ShowWithLayout {
  show: ShowRecord;
  rows: RowLayout[];
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

export class ShowService {
  constructor(private readonly deps: ShowServiceDeps) {}

  async create(input: ShowInput): Promise<Show> {
    const { shows, movies, theaters } = this.deps;
    const [movie, theater] = await Promise.all([movies.findById(input.movieId), theaters.findById(input.theaterId)]);
    if (!movie) throw new FieldRuleError([{ field: 'body.movieId', message: 'no movie has this id' }]);
    if (!theater) throw new FieldRuleError([{ field: 'body.theaterId', message: 'no theater has this id' }]);
    const screen = theater.screens.find((s) => s._id.toString() === input.screenId);
    if (!screen)
      throw new FieldRuleError([{ field: 'body.screenId', message: 'this theater has no screen with this id' }]);
    if (movie.status === 'archived') throw new ConflictError('An archived movie cannot get new shows.');
    const missing = unpricedSeatTypes(seatTypesOf(screen.rows), input.prices);
    if (missing.length > 0) {
      throw new FieldRuleError(
        missing.map((type) => ({
          field: `body.prices.${type}`,
          message: `the screen has ${type} seats; give their price`,
        })),
      );
    }
    const startsAt = new Date(input.startsAt);
    if (startsAt <= this.deps.now())
      throw new FieldRuleError([{ field: 'body.startsAt', message: 'a show must start in the future' }]);
    const endsAt = showEndsAt(startsAt, movie.durationMinutes, this.deps.cleaningGapMinutes);
    const range = { startsAt, endsAt };
    const slot = { theater: theater._id, screen: screen._id };
    const clash = await shows.findOverlapping(slot, range);
    if (clash) throw overlapConflict(clash);
    const created = await shows.create({
      ...slot,
      movie: movie._id,
      city: theater.city,
      startsAt,
      endsAt,
      prices: input.prices,
    });
    // Check-then-insert alone lets two simultaneous requests both pass. Re-checking after the insert
    // closes that: of two clashing shows, at least the later checker sees the other and withdraws.
    const others = await shows.findStartingBetween(
      slot,
      new Date(startsAt.getTime() - MAX_SHOW_SPAN_MS),
      endsAt,
      created._id,
    );
    const raced = others.find((other) => rangesOverlap(other, range));
    if (raced) {
      await shows.deleteById(created._id);
      throw overlapConflict(raced);
    }
    return (await this.views([created]))[0] as Show;
  }

  async get(id: string): Promise<Show> {
    const doc = await this.deps.shows.findById(id);
    if (!doc) throw new NotFoundError(`Show ${id} does not exist.`);
    return (await this.views([doc]))[0] as Show;
  }

  async list(query: ShowListQuery): Promise<Page<Show>> {
    const page = await this.deps.shows.page(
      { movie: query.movie, city: query.city, date: query.date, startingAfter: this.deps.now() },
      query,
      query.sort,
    );
    return { ...page, data: await this.views(page.data) };
  }

  /** When the show starts; undefined if it is gone. */
  async startOf(id: string | Types.ObjectId): Promise<Date | undefined> {
    return (await this.deps.shows.findById(id))?.startsAt;
  }

  /** When the show starts, what is shown and where; undefined if the show is gone. */
  async describe(id: string | Types.ObjectId): Promise<ShowDescription | undefined> {
    const show = await this.deps.shows.findById(id);
    if (!show) return undefined;
    const [movie, theater] = await Promise.all([
      this.deps.movies.findById(show.movie),
      this.deps.theaters.findById(show.theater),
    ]);
    return {
      startsAt: show.startsAt,
      movieTitle: movie?.title ?? 'your movie',
      ...(theater ? { theater: { name: theater.name, address: theater.address, city: theater.city } } : {}),
    };
  }

  /** Whether a show starts at this moment on this screen (the seed keeps what is there). */
  async existsAt(theaterId: string, screenId: string, startsAt: Date): Promise<boolean> {
    return this.deps.shows.existsAt({ theater: theaterId, screen: screenId }, startsAt);
  }

  /** The show and its screen's rows; 404 if the show (or its screen) is gone. */
  async findWithLayout(id: string): Promise<ShowWithLayout> {
    const show = await this.deps.shows.findById(id);
    if (!show) throw new NotFoundError(`Show ${id} does not exist.`);
    const screen = await this.deps.theaters.findScreen(show.theater, show.screen);
    if (!screen) throw new NotFoundError(`The screen of show ${id} no longer exists.`);
    return { show, rows: screen.rows };
  }

  /** Typed positions of the requested seats; 422 naming any seat the screen does not have. */
  locate(rows: RowLayout[], seats: readonly string[]): SeatPosition[] {
    const { found, unknown } = locateSeats(rows, seats);
    if (unknown.length > 0) {
      throw new FieldRuleError(
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
    const claim = await this.deps.seatLocks.claim({ show: show._id, seats, state: 'blocked', now: this.deps.now() });
    if (!claim.ok) {
      throw new ConflictError(`${seatsPhrase(claim.takenSeats)} not available.`, {
        extensions: { takenSeats: claim.takenSeats },
      });
    }
    // The show and its layout were just read; only the locks have changed.
    return this.seatMapOf(id, show, rows);
  }

  async unblockSeat(id: string, seat: string): Promise<void> {
    const { show } = await this.findWithLayout(id);
    const released = await this.deps.seatLocks.releaseSeats(show._id, [seat]);
    if (released === 0) throw new NotFoundError(`Seat ${seat} is not blocked on this show.`);
  }

  async report(id: string): Promise<ShowReport> {
    const { show, rows } = await this.findWithLayout(id);
    const map = await this.seatMapOf(id, show, rows);
    const { revenue, ...bookings } = await this.deps.sales.salesOf(show._id, this.deps.now());
    const capacity = Object.values(map.counts).reduce((sum, count) => sum + count, 0);
    const sold = map.counts.booked;
    return {
      showId: id,
      capacity,
      seats: map.counts,
      occupancyPercent: capacity === 0 ? 0 : Math.round((sold / capacity) * 1000) / 10,
      bookings,
      revenue,
      currency: 'USD',
    };
  }

  private async seatMapOf(id: string, show: ShowRecord, rows: RowLayout[]): Promise<SeatMap> {
    const locks = await this.deps.seatLocks.activeLocks(show._id, this.deps.now());
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

  /** The API shapes of stored shows, with their movies and theaters read in one query each. */
  private async views(docs: ShowRecord[]): Promise<Show[]> {
    const unique = (ids: Types.ObjectId[]) => [...new Map(ids.map((id) => [id.toString(), id])).values()];
    const [movies, theaters] = await Promise.all([
      this.deps.movies.findSummaries(unique(docs.map((doc) => doc.movie))),
      this.deps.theaters.findSummaries(unique(docs.map((doc) => doc.theater))),
    ]);
    const movieOf = new Map(movies.map((movie) => [movie._id.toString(), movie]));
    const theaterOf = new Map(theaters.map((theater) => [theater._id.toString(), theater]));
    return docs.map((doc) => toShow(doc, movieOf.get(doc.movie.toString()), theaterOf.get(doc.theater.toString())));
  }
}
