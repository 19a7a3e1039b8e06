/** createApp(deps) -> the Movie Booking API as an Express app. No listening, no global connections. */
import type { AccessTokenVerifier } from '@roadmap/auth';
import {
  buildOpenApiDocument,
  createApiRegistry,
  createBaseApp,
  docsRoutes,
  finishApp,
  healthRoutes,
  mongoReadiness,
  registerHealthPaths,
  type Lifecycle,
  type Logger,
  type OpenApiDocument,
} from '@roadmap/core';
import type { Express } from 'express';
import type { Connection } from 'mongoose';
import { createModels, type Models } from './models.js';
import { registerBookingPaths } from './modules/bookings/booking.openapi.js';
import { bookingRoutes } from './modules/bookings/booking.routes.js';
import { BookingService, type BookingNotifier, type BookingRules } from './modules/bookings/booking.service.js';
import { SeatLocks } from './modules/bookings/seat-locks.js';
import { registerMoviePaths } from './modules/movies/movie.openapi.js';
import { movieRoutes } from './modules/movies/movie.routes.js';
import { MovieService } from './modules/movies/movie.service.js';
import { registerShowPaths } from './modules/shows/show.openapi.js';
import { showRoutes } from './modules/shows/show.routes.js';
import { ShowService } from './modules/shows/show.service.js';
import { registerTheaterPaths } from './modules/theaters/theater.openapi.js';
import { theaterRoutes } from './modules/theaters/theater.routes.js';
import { TheaterService } from './modules/theaters/theater.service.js';

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
  notifier: BookingNotifier;
  /** Readiness checks besides MongoDB, e.g. `{ redis: () => redis.ping() }`. */
  readinessChecks?: Record<string, () => Promise<unknown>>;
  rules?: Partial<BookingAppRules>;
  lifecycle?: Lifecycle;
  now?: () => Date;
}

export interface MovieBookingServices {
  models: Models;
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

/** The services on one connection; the server and the seed script use them without HTTP. */
export function createServices(
  deps: Pick<MovieBookingAppDeps, 'connection' | 'notifier' | 'rules' | 'now'>,
): MovieBookingServices {
  const rules = { ...DEFAULT_RULES, ...deps.rules };
  const now = deps.now ?? (() => new Date());
  const models = createModels(deps.connection);
  const seatLocks = new SeatLocks(models.SeatLock);
  const shows = new ShowService({ models, seatLocks, now, cleaningGapMinutes: rules.cleaningGapMinutes });
  return {
    models,
    movies: new MovieService(models.Movie, models.Show, now),
    theaters: new TheaterService(models.Theater, models.Show),
    shows,
    bookings: new BookingService({ models, seatLocks, shows, notifier: deps.notifier, rules, now }),
  };
}

export function createApp(deps: MovieBookingAppDeps, services: MovieBookingServices = createServices(deps)): Express {
  const app = createBaseApp({ logger: deps.logger, jsonLimit: '64kb' });
  app.use(
    healthRoutes({
      checks: { mongo: mongoReadiness(deps.connection), ...deps.readinessChecks },
      isDraining: () => deps.lifecycle?.isDraining() ?? false,
    }),
  );
  app.use(docsRoutes(createOpenApiDocument()));
  app.use(API_BASE_PATH, bookingRoutes(services.bookings, deps.verifier));
  app.use(`${API_BASE_PATH}/movies`, movieRoutes(services.movies, deps.verifier));
  app.use(`${API_BASE_PATH}/theaters`, theaterRoutes(services.theaters, deps.verifier));
  app.use(`${API_BASE_PATH}/shows`, showRoutes(services.shows, deps.verifier));
  return finishApp(app);
}
