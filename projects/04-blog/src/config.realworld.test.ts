import { authServiceUrl, DEVELOPMENT_AUTH_URL, loadBlogConfig, realWorldSettings } from './config.js';

describe('the RealWorld mount settings', () => {
  it('publish at once by default, and not when REALWORLD_AUTO_PUBLISH=false', () => {
    expect(realWorldSettings(loadBlogConfig({})).autoPublish).toBe(true);
    expect(realWorldSettings(loadBlogConfig({ REALWORLD_AUTO_PUBLISH: 'false' })).autoPublish).toBe(false);
  });

  it('call AUTH_URL when set, with the configured wait', () => {
    const config = loadBlogConfig({ AUTH_URL: 'https://auth.example.com', AUTH_TIMEOUT_MS: '1500' });

    expect(realWorldSettings(config)).toMatchObject({ authUrl: 'https://auth.example.com', authTimeoutMs: 1500 });
  });

  it('otherwise call the service whose JWKS the blog trusts, or the development address', () => {
    expect(authServiceUrl({ AUTH_JWKS_URL: 'https://example.com/auth/.well-known/jwks.json' })).toBe(
      'https://example.com/auth',
    );
    expect(authServiceUrl({ AUTH_JWKS_URL: 'https://keys.example.com/keys' })).toBe(DEVELOPMENT_AUTH_URL);
    expect(authServiceUrl({})).toBe(DEVELOPMENT_AUTH_URL);
    expect(realWorldSettings(loadBlogConfig({})).authUrl).toBe('http://127.0.0.1:3003');
  });

  it('refuses an AUTH_URL that is not a URL, naming it', () => {
    expect(() => loadBlogConfig({ AUTH_URL: 'auth-service' })).toThrow(/AUTH_URL/);
  });
});
