import { ConfigError } from '@roadmap/core';
import { loadBlogConfig } from './config.js';

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

  it('needs exactly one key source', () => {
    expect(() => loadBlogConfig({})).toThrow(ConfigError);
    expect(() => loadBlogConfig({ AUTH_JWKS_URL: 'http://a/jwks', AUTH_PUBLIC_KEY: 'pem' })).toThrow(ConfigError);
  });

  it('names a bad variable', () => {
    expect(() => loadBlogConfig({ AUTH_PUBLIC_KEY: 'pem', UPLOAD_MAX_BYTES: '10' })).toThrow(/UPLOAD_MAX_BYTES/);
  });
});
