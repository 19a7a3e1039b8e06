/** Every model of the service, created on one injected connection (never the global mongoose). */
import type { Connection } from 'mongoose';
import { createBookingModel, type BookingModel } from './modules/bookings/booking.model.js';
import { createSeatLockModel, type SeatLockModel } from './modules/bookings/seat-lock.model.js';
import { createMovieModel, type MovieModel } from './modules/movies/movie.model.js';
import { createShowModel, type ShowModel } from './modules/shows/show.model.js';
import { createTheaterModel, type TheaterModel } from './modules/theaters/theater.model.js';

export interface Models {
  Movie: MovieModel;
  Theater: TheaterModel;
  Show: ShowModel;
  SeatLock: SeatLockModel;
  Booking: BookingModel;
}

export function createModels(connection: Connection): Models {
  return {
    Movie: createMovieModel(connection),
    Theater: createTheaterModel(connection),
    Show: createShowModel(connection),
    SeatLock: createSeatLockModel(connection),
    Booking: createBookingModel(connection),
  };
}

/** Builds every index (unique ones included); the connection may have autoIndex off. */
export async function ensureIndexes(models: Models): Promise<void> {
  await Promise.all(Object.values(models).map((model: { createIndexes(): Promise<unknown> }) => model.createIndexes()));
}
