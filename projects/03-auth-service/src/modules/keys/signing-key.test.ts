import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey } from '@roadmap/auth';
import { testLogger } from '@roadmap/testing';
import { DEVELOPMENT_KEY_MARKER } from './signing-key.js';
import { loadSigningKey } from './signing-key.js';

describe('loadSigningKey', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'auth-key-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the key file outside production and reuses it on the next start', () => {
    const file = join(dir, 'keys', 'jwt.pem');
    const config = { NODE_ENV: 'development', JWT_PRIVATE_KEY_FILE: file } as const;

    const first = loadSigningKey(config, testLogger());
    const second = loadSigningKey(config, testLogger());

    expect(second.kid).toBe(first.kid);
    expect(readFileSync(file, 'utf8')).toBe(`${DEVELOPMENT_KEY_MARKER}\n${first.privateKeyPem}`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses to invent a key in production when the file is missing', () => {
    const config = { NODE_ENV: 'production', JWT_PRIVATE_KEY_FILE: join(dir, 'missing.pem') } as const;

    expect(() => loadSigningKey(config, testLogger())).toThrow(/does not exist/);
  });

  it('refuses in production a key file that development generated, naming the variable', () => {
    const file = join(dir, 'jwt.pem');
    loadSigningKey({ NODE_ENV: 'development', JWT_PRIVATE_KEY_FILE: file }, testLogger());

    expect(() => loadSigningKey({ NODE_ENV: 'production', JWT_PRIVATE_KEY_FILE: file }, testLogger())).toThrow(
      /JWT_PRIVATE_KEY_FILE .* holds a key generated for development/,
    );
  });

  it('uses a key file made for production (no development marker) in production', () => {
    const file = join(dir, 'jwt.pem');
    const key = generateSigningKey();
    writeFileSync(file, key.privateKeyPem);

    expect(loadSigningKey({ NODE_ENV: 'production', JWT_PRIVATE_KEY_FILE: file }, testLogger()).kid).toBe(key.kid);
  });

  it('prefers JWT_PRIVATE_KEY over the file', () => {
    const key = generateSigningKey();
    const config = {
      NODE_ENV: 'production',
      JWT_PRIVATE_KEY: key.privateKeyPem,
      JWT_PRIVATE_KEY_FILE: join(dir, 'unused.pem'),
    } as const;

    expect(loadSigningKey(config, testLogger()).kid).toBe(key.kid);
  });
});
