/** createApp(deps) -> the Movie Booking API as an Express app. No listening, no global connections. */
import type { AccessTokenVerifier } from '@roadmap/auth';
import {
  buildOpenApiDocument,
  createApiRegistry,
  createBaseApp,
  docsRoutes,
  finishApp,
  healthRoutes,
  methodNotAllowed,
  registerHealthPaths,
  type Lifecycle,
  type Logger,
  type OpenApiDocument,
  type TrustProxy,
} from '@roadmap/core';
import { mongoReadiness } from '@roadmap/core/mongo';
import { defineRepositorySet } from '@roadmap/mail/mongo';
import type { Express } from 'express';
import type { Connection } from 'mongoose';
import {
  BookingRepository,
  bookingRoutes,
  BookingService,
  registerBookingPaths,
  type BookingRules,
  type OwedMailRelay,
} from './modules/bookings/index.js';
import { MovieRepository, movieRoutes, MovieService, registerMoviePaths } from './modules/movies/index.js';
import { SeatLockRepository } from './modules/seat-locks/index.js';
import { registerShowPaths, ShowRepository, showRoutes, ShowService } from './modules/shows/index.js';
import { registerTheaterPaths, TheaterRepository, theaterRoutes, TheaterService } from './modules/theaters/index.js';

export const API_BASE_PATH = '/api/v1';

export interface BookingAppRules extends BookingRules {
  cleaningGapMinutes: number;
}

export const DEFAULT_RULES: BookingAppRules = {
  holdMinutes: 8,
  maxSeatsPerHold: 10,
  cancellationCutoffMinutes: 120,
  cleaningGapMinutes: 20,
};

export interface MovieBookingAppDeps {
  logger: Logger;
  connection: Connection;
  verifier: AccessTokenVerifier;
  /** The mail path (a MailOutbox): a confirmed booking hands it the email it owes. */
  mail: OwedMailRelay;
  /** Readiness checks besides MongoDB, e.g. `{ redis: queueRedis.readiness }`. */
  readinessChecks?: Record<string, () => Promise<unknown>>;
  rules?: Partial<BookingAppRules>;
  lifecycle?: Lifecycle;
  now?: () => Date;
  /** The proxies whose X-Forwarded-* headers are believed (TRUST_PROXY); none by default. */
  trustProxy?: TrustProxy;
}

/** The only objects that query the database: one per collection. */
export interface Repositories {
  movies: MovieRepository;
  theaters: TheaterRepository;
  shows: ShowRepository;
  seatLocks: SeatLockRepository;
  bookings: BookingRepository;
}

/**
 * The repositories on one connection, and what every process does with them: build their indexes
 * and hand the mail path the collections that carry owed mail (bookings).
 */
export const { createRepositories, owedMailSources, ensureIndexes } = defineRepositorySet<Repositories>({
  create: (connection) => ({
    movies: new MovieRepository(connection),
    theaters: new TheaterRepository(connection),
    shows: new ShowRepository(connection),
    seatLocks: new SeatLockRepository(connection),
    bookings: new BookingRepository(connection),
  }),
  owedMail: (repositories, store) => [repositories.bookings.owedMailSource(store)],
});

export interface MovieBookingServices {
  repositories: Repositories;
  movies: MovieService;
  theaters: TheaterService;
  shows: ShowService;
  bookings: BookingService;
}

export function createOpenApiDocument(): OpenApiDocument {
  const registry = createApiRegistry();
  registerHealthPaths(registry);
  registerMoviePaths(registry, `${API_BASE_PATH}/movies`);
  registerTheaterPaths(registry, `${API_BASE_PATH}/theaters`);
  registerShowPaths(registry, `${API_BASE_PATH}/shows`);
  registerBookingPaths(registry, API_BASE_PATH);
  return buildOpenApiDocument(registry, {
    title: 'Movie Booking API',
    version: '1.0.0',
    description: 'Phase 2 of the backend roadmap: MongoDB + Mongoose, race-free seat holds, bookings and emails.',
  });
}

/**
 * The services on one connection; the server and the seed script use them without HTTP. Each
 * service gets the repositories (or other services) it needs; where a feature must tell another
 * one something (a theater moved, a movie's upcoming shows, a show's sales), it is handed the
 * other feature's repository here, so no two features import each other.
 */
export function createServices(
  deps: Pick<MovieBookingAppDeps, 'connection' | 'mail' | 'rules' | 'now'>,
): MovieBookingServices {
  const rules = { ...DEFAULT_RULES, ...deps.rules };
  const now = deps.now ?? (() => new Date());
  const repositories = createRepositories(deps.connection);
  const { movies, theaters, shows, seatLocks, bookings } = repositories;
  const showService = new ShowService({
    shows,
    movies,
    theaters,
    seatLocks,
    sales: bookings,
    now,
    cleaningGapMinutes: rules.cleaningGapMinutes,
  });
  return {
    repositories,
    movies: new MovieService({
      movies,
      upcomingShows: { countForMovie: (movieId, at) => shows.countUpcomingForMovie(movieId, at) },
      now,
    }),
    theaters: new TheaterService({
      theaters,
      moves: { theaterMoved: (theaterId, city) => shows.setCity(theaterId, city) },
    }),
    shows: showService,
    bookings: new BookingService({ bookings, seatLocks, shows: showService, mail: deps.mail, rules, now }),
  };
}

export function createApp(deps: MovieBookingAppDeps, services: MovieBookingServices = createServices(deps)): Express {
  const app = createBaseApp({ logger: deps.logger, jsonLimit: '64kb', trustProxy: deps.trustProxy });
  app.use(
    healthRoutes({
      checks: { mongo: mongoReadiness(deps.connection), ...deps.readinessChecks },
      isDraining: () => deps.lifecycle?.isDraining() ?? false,
    }),
  );
  const document = createOpenApiDocument();
  app.use(docsRoutes(document));
  app.use(methodNotAllowed(document));
  app.use(API_BASE_PATH, bookingRoutes(services.bookings, deps.verifier));
  app.use(`${API_BASE_PATH}/movies`, movieRoutes(services.movies, deps.verifier));
  app.use(`${API_BASE_PATH}/theaters`, theaterRoutes(services.theaters, deps.verifier));
  app.use(`${API_BASE_PATH}/shows`, showRoutes(services.shows, deps.verifier));
  return finishApp(app);
}
