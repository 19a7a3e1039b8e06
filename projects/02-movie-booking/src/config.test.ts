import { DEVELOPMENT_JWKS_URL } from '@roadmap/auth';
import { ConfigError } from '@roadmap/core';
import { loadMovieBookingConfig } from './config.js';

const production = {
  NODE_ENV: 'production',
  MONGO_URL: 'mongodb+srv://booking:s3cret@cluster0.example.mongodb.net/movie_booking',
  AUTH_JWKS_URL: 'https://auth.example.com/.well-known/jwks.json',
};

describe('loadMovieBookingConfig', () => {
  it('runs with no variables in development, trusting the local auth service on port 3003', () => {
    expect(loadMovieBookingConfig({})).toMatchObject({ PORT: 3002, AUTH_JWKS_URL: DEVELOPMENT_JWKS_URL });
  });

  it('keeps a configured public key as the only key source', () => {
    expect(loadMovieBookingConfig({ AUTH_PUBLIC_KEY: 'pem' }).AUTH_JWKS_URL).toBeUndefined();
  });

  it('starts in production with a key source and an authenticated MONGO_URL', () => {
    expect(loadMovieBookingConfig(production).MONGO_URL).toBe(production.MONGO_URL);
  });

  it('refuses a missing key source in production, naming AUTH_JWKS_URL', () => {
    expect(() => loadMovieBookingConfig({ ...production, AUTH_JWKS_URL: undefined })).toThrow(
      /AUTH_JWKS_URL: set exactly one of AUTH_JWKS_URL .* or AUTH_PUBLIC_KEY/,
    );
  });

  it('refuses in production the default MONGO_URL, which has no password', () => {
    expect(() => loadMovieBookingConfig({ ...production, MONGO_URL: undefined })).toThrow(ConfigError);
    expect(() => loadMovieBookingConfig({ ...production, MONGO_URL: undefined })).toThrow(
      /MONGO_URL: has no password.*\(not set\)/,
    );
  });
});
