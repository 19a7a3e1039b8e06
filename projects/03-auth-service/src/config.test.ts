import { randomBytes } from 'node:crypto';
import { generateSigningKey } from '@roadmap/auth';
import { ConfigError } from '@roadmap/core';
import { loadAuthConfig, settingsFromConfig } from './config.js';
import { DEVELOPMENT_KEY_MARKER } from './modules/keys/index.js';
import { DEVELOPMENT_MFA_KEY } from './modules/mfa/index.js';

// Production settings apart from the signing key: an authenticated database URL, a key for MFA secrets.
const production = {
  NODE_ENV: 'production',
  MONGO_URL: 'mongodb+srv://auth:s3cret@cluster0.example.mongodb.net/auth',
  MFA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
};

describe('loadAuthConfig', () => {
  it('runs with defaults in development: port 3003, cost 12, no key (an ephemeral one is made)', () => {
    const config = loadAuthConfig({});
    expect(config).toEqual(
      expect.objectContaining({
        PORT: 3003,
        BCRYPT_COST: 12,
        AUTH_ISSUER: 'http://localhost:3003',
        AUTH_AUDIENCE: 'backend-roadmap',
      }),
    );
    expect(config.JWT_PRIVATE_KEY).toBeUndefined();
  });

  it('issues short-lived access tokens and keeps the refresh reuse grace window off unless asked', () => {
    const config = loadAuthConfig({});
    expect(config.ACCESS_TOKEN_TTL_SECONDS).toBe(900);
    expect(config.REFRESH_REUSE_GRACE_SECONDS).toBe(0);
    expect(settingsFromConfig(config).refreshReuseGraceMs).toBe(0);
    expect(settingsFromConfig(loadAuthConfig({ REFRESH_REUSE_GRACE_SECONDS: '10' })).refreshReuseGraceMs).toBe(10_000);
  });

  it('purges ended data hourly, keeping ended sessions 7 days and audit events 90 days unless told otherwise', () => {
    expect(settingsFromConfig(loadAuthConfig({})).retention).toEqual({
      intervalMs: 3_600_000,
      endedSessionRetentionMs: 7 * 86_400_000,
      auditRetentionMs: 90 * 86_400_000,
    });
    const tuned = loadAuthConfig({ CLEANUP_INTERVAL_SECONDS: '0', AUDIT_RETENTION_DAYS: '365' });
    expect(settingsFromConfig(tuned).retention).toEqual(
      expect.objectContaining({ intervalMs: 0, auditRetentionMs: 365 * 86_400_000 }),
    );
    expect(() => loadAuthConfig({ ENDED_SESSION_RETENTION_DAYS: '0' })).toThrow(/ENDED_SESSION_RETENTION_DAYS/);
  });

  it('reads JWT_PREVIOUS_PUBLIC_KEYS as PEM public keys one after another, none by default', () => {
    const [older, old] = [generateSigningKey(), generateSigningKey()];
    expect(loadAuthConfig({}).JWT_PREVIOUS_PUBLIC_KEYS).toEqual([]);
    const keys = loadAuthConfig({
      JWT_PREVIOUS_PUBLIC_KEYS: older.publicKeyPem + old.publicKeyPem,
    }).JWT_PREVIOUS_PUBLIC_KEYS;
    expect(keys.map((key) => key.kid)).toEqual([older.kid, old.kid]);
  });

  it('refuses at start-up a JWT_PREVIOUS_PUBLIC_KEYS that is not PEM public keys (a private key, say)', () => {
    expect(() => loadAuthConfig({ JWT_PREVIOUS_PUBLIC_KEYS: generateSigningKey().privateKeyPem })).toThrow(
      /JWT_PREVIOUS_PUBLIC_KEYS: must be one or more PEM public keys/,
    );
  });

  it('refuses a bcrypt cost below 12 in production', () => {
    expect(() => loadAuthConfig({ NODE_ENV: 'production', BCRYPT_COST: '10', JWT_PRIVATE_KEY: 'pem' })).toThrow(
      /BCRYPT_COST: must be at least 12/,
    );
  });

  it('allows a low cost outside production (tests)', () => {
    expect(loadAuthConfig({ NODE_ENV: 'test', BCRYPT_COST: '4' }).BCRYPT_COST).toBe(4);
  });

  it('accepts a key file instead of JWT_PRIVATE_KEY in production', () => {
    expect(loadAuthConfig({ ...production, JWT_PRIVATE_KEY_FILE: '/run/secrets/jwt.pem' })).toEqual(
      expect.objectContaining({ JWT_PRIVATE_KEY_FILE: '/run/secrets/jwt.pem' }),
    );
  });

  it('requires JWT_PRIVATE_KEY in production', () => {
    expect(() => loadAuthConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadAuthConfig({ NODE_ENV: 'production' })).toThrow(/JWT_PRIVATE_KEY/);
  });

  it('starts in production once every development default is replaced', () => {
    expect(loadAuthConfig({ ...production, JWT_PRIVATE_KEY: generateSigningKey().privateKeyPem }).NODE_ENV).toBe(
      'production',
    );
  });

  it('refuses in production a MONGO_URL without a password, naming the variable', () => {
    const withKey = { ...production, JWT_PRIVATE_KEY: generateSigningKey().privateKeyPem };
    expect(() => loadAuthConfig({ ...withKey, MONGO_URL: undefined })).toThrow(/MONGO_URL: has no password/);
    expect(() => loadAuthConfig({ ...withKey, MONGO_URL: 'mongodb://db.internal:27017/auth' })).toThrow(
      /MONGO_URL: has no password/,
    );
  });

  it('refuses COOKIE_SECURE=false in production and allows it in development', () => {
    const withKey = { ...production, JWT_PRIVATE_KEY: generateSigningKey().privateKeyPem };
    expect(() => loadAuthConfig({ ...withKey, COOKIE_SECURE: 'false' })).toThrow(/COOKIE_SECURE: must not be false/);
    expect(loadAuthConfig({ COOKIE_SECURE: 'false' }).COOKIE_SECURE).toBe(false);
  });

  it('refuses in production a JWT_PRIVATE_KEY that development generated', () => {
    const developmentPem = `${DEVELOPMENT_KEY_MARKER}\n${generateSigningKey().privateKeyPem}`;
    expect(() => loadAuthConfig({ ...production, JWT_PRIVATE_KEY: developmentPem })).toThrow(
      /JWT_PRIVATE_KEY: is a key generated for development/,
    );
  });

  it('reads the CORS allow-list as a comma-separated list', () => {
    expect(loadAuthConfig({ CORS_ORIGINS: 'https://a.dev, https://b.dev' }).CORS_ORIGINS).toEqual([
      'https://a.dev',
      'https://b.dev',
    ]);
  });

  describe('second factors', () => {
    const withKey = () => ({ ...production, JWT_PRIVATE_KEY: generateSigningKey().privateKeyPem });

    it('refuses in production a missing MFA_ENCRYPTION_KEY and the development one', () => {
      expect(() => loadAuthConfig({ ...withKey(), MFA_ENCRYPTION_KEY: undefined })).toThrow(
        /MFA_ENCRYPTION_KEY: is required in production/,
      );
      expect(() => loadAuthConfig({ ...withKey(), MFA_ENCRYPTION_KEY: DEVELOPMENT_MFA_KEY })).toThrow(
        /MFA_ENCRYPTION_KEY: is required in production and must not be the development key/,
      );
    });

    it('uses the development key outside production, and refuses a secret under 32 characters anywhere', () => {
      expect(settingsFromConfig(loadAuthConfig({})).mfa.encryptionKey).toEqual(Buffer.from(DEVELOPMENT_MFA_KEY));
      expect(() => loadAuthConfig({ MFA_ENCRYPTION_KEY: randomBytes(12).toString('base64') })).toThrow(
        /MFA_ENCRYPTION_KEY: must be a random secret of at least 32 characters/,
      );
    });

    it('requires no role to enrol by default, and reads MFA_REQUIRED_ROLES, refusing unknown roles', () => {
      expect(settingsFromConfig(loadAuthConfig({})).mfa.requiredRoles).toEqual([]);
      expect(settingsFromConfig(loadAuthConfig({ MFA_REQUIRED_ROLES: 'admin' })).mfa.requiredRoles).toEqual(['admin']);
      expect(() => loadAuthConfig({ MFA_REQUIRED_ROLES: 'admin,root' })).toThrow(/MFA_REQUIRED_ROLES/);
    });

    it('asks for a second factor within 10 minutes for step-up, and tickets live 5 minutes', () => {
      const { mfa } = settingsFromConfig(loadAuthConfig({}));
      expect(mfa.stepUpMaxAgeSeconds).toBe(600);
      expect(mfa.ticketTtlMs).toBe(300_000);
    });

    it("takes the WebAuthn RP ID from WEBAUTHN_RP_ID and the origins from WEBAUTHN_ORIGINS, else PUBLIC_URL's", () => {
      expect(
        settingsFromConfig(loadAuthConfig({ PUBLIC_URL: 'https://auth.example.com/app' })).mfa.relyingParty,
      ).toEqual(expect.objectContaining({ id: 'localhost', origins: ['https://auth.example.com'] }));
      const configured = loadAuthConfig({
        WEBAUTHN_RP_ID: 'example.com',
        WEBAUTHN_ORIGINS: 'https://example.com, https://admin.example.com/',
      });
      expect(settingsFromConfig(configured).mfa.relyingParty).toEqual(
        expect.objectContaining({ id: 'example.com', origins: ['https://example.com', 'https://admin.example.com'] }),
      );
      expect(() => loadAuthConfig({ WEBAUTHN_RP_ID: 'https://example.com' })).toThrow(/WEBAUTHN_RP_ID/);
    });
  });
});
