import { ConfigError } from '@roadmap/core';
import { DEVELOPMENT_JWKS_URL } from '@roadmap/auth';
import { loadBlogConfig } from './config.js';

const production = {
  NODE_ENV: 'production',
  MONGO_URL: 'mongodb+srv://blog:s3cret@cluster0.example.mongodb.net/blog',
  AUTH_JWKS_URL: 'https://auth.example.com/.well-known/jwks.json',
};

describe('loadBlogConfig', () => {
  it('applies defaults with a JWKS URL', () => {
    const config = loadBlogConfig({ AUTH_JWKS_URL: 'http://localhost:3003/.well-known/jwks.json' });
    expect(config).toMatchObject({
      PORT: 3004,
      MAIL_WORKER: true,
      UPLOAD_MAX_BYTES: 2_000_000,
      MAIL_RETRY_ATTEMPTS: 20,
    });
  });

  it("trusts the local auth service's JWKS in development when no key source is set", () => {
    expect(loadBlogConfig({}).AUTH_JWKS_URL).toBe(DEVELOPMENT_JWKS_URL);
    expect(loadBlogConfig({ AUTH_PUBLIC_KEY: 'pem' }).AUTH_JWKS_URL).toBeUndefined();
  });

  it('refuses both key sources at once', () => {
    expect(() => loadBlogConfig({ AUTH_JWKS_URL: 'http://a/jwks', AUTH_PUBLIC_KEY: 'pem' })).toThrow(ConfigError);
  });

  it('refuses a missing key source in production, naming AUTH_JWKS_URL', () => {
    expect(() => loadBlogConfig({ ...production, AUTH_JWKS_URL: undefined })).toThrow(/AUTH_JWKS_URL: set exactly one/);
  });

  it('starts in production with a key source and an authenticated MONGO_URL', () => {
    expect(loadBlogConfig(production).NODE_ENV).toBe('production');
  });

  it('refuses in production a MONGO_URL without a password, naming the variable', () => {
    expect(() => loadBlogConfig({ ...production, MONGO_URL: 'mongodb://mongo:27017/blog' })).toThrow(
      /MONGO_URL: has no password/,
    );
  });

  it('names a bad variable', () => {
    expect(() => loadBlogConfig({ AUTH_PUBLIC_KEY: 'pem', UPLOAD_MAX_BYTES: '10' })).toThrow(/UPLOAD_MAX_BYTES/);
  });
});
