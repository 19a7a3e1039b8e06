import { authVerifierEnvShape, withKeySource } from '@roadmap/auth';
import {
  baseEnvShape,
  loadConfig,
  mongoTimeoutEnvShape,
  mongoUrl,
  passwordlessDatabaseUrl,
  refuseDevelopmentDefaults,
} from '@roadmap/core';
import { mailRetryEnvShape } from '@roadmap/mail';
import { redisBoundsEnvShape } from '@roadmap/redis';
import { z } from 'zod';

export const movieBookingEnvSchema = withKeySource(
  z
    .object({
      ...baseEnvShape(3002),
      ...authVerifierEnvShape,
      MONGO_URL: mongoUrl('movie_booking'),
      ...mongoTimeoutEnvShape,
      REDIS_URL: z.string().min(1).default('redis://127.0.0.1:6379'),
      ...redisBoundsEnvShape,
      /** Prefix of every Redis key this service writes (Bull queues). */
      REDIS_PREFIX: z.string().min(1).default('movie-booking'),
      SMTP_URL: z.string().min(1).default('smtp://127.0.0.1:1025'),
      MAIL_FROM: z.string().min(3).default('Movie Booking <tickets@movie-booking.local>'),
      ...mailRetryEnvShape,
      /** How long a hold keeps its seats before anyone else may take them. */
      HOLD_MINUTES: z.coerce.number().positive().max(60).default(8),
      /** A hold takes at most this many seats. */
      MAX_SEATS_PER_HOLD: z.coerce.number().int().min(1).max(50).default(10),
      /** A confirmed booking may be cancelled until this many minutes before the show starts. */
      CANCELLATION_CUTOFF_MINUTES: z.coerce
        .number()
        .int()
        .min(0)
        .max(7 * 24 * 60)
        .default(120),
      /** Minutes the screen is cleaned after a show; the next show may start after that. */
      CLEANING_GAP_MINUTES: z.coerce.number().int().min(0).max(240).default(20),
      /** How often the background job marks expired holds and frees their seat locks. */
      HOLD_SWEEP_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
    })
    .superRefine(refuseDevelopmentDefaults(passwordlessDatabaseUrl('MONGO_URL'))),
);

export type MovieBookingConfig = z.output<typeof movieBookingEnvSchema>;

export function loadMovieBookingConfig(env: NodeJS.ProcessEnv = process.env): MovieBookingConfig {
  return loadConfig(movieBookingEnvSchema, env);
}
