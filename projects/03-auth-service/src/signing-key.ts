/**
 * The signing key: JWT_PRIVATE_KEY, or the PEM file JWT_PRIVATE_KEY_FILE names. Outside production a
 * missing file is created with a new key (so restarts keep issued tokens valid), and with neither set
 * the key is ephemeral, with a warning.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateSigningKey, signingKeyFromPem, type SigningKey } from '@roadmap/auth';
import type { Logger } from '@roadmap/core';
import { DEVELOPMENT_KEY_MARKER, isDevelopmentKey, type AuthConfig } from './config.js';

type KeyConfig = Pick<AuthConfig, 'JWT_PRIVATE_KEY' | 'JWT_PRIVATE_KEY_FILE' | 'NODE_ENV'>;

function readKeyFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export function loadSigningKey(config: KeyConfig, logger: Logger): SigningKey {
  if (config.JWT_PRIVATE_KEY) return signingKeyFromPem(config.JWT_PRIVATE_KEY);
  const file = config.JWT_PRIVATE_KEY_FILE;
  if (file) {
    const pem = readKeyFile(file);
    if (pem !== undefined && config.NODE_ENV === 'production' && isDevelopmentKey(pem)) {
      throw new Error(`JWT_PRIVATE_KEY_FILE ${file} holds a key generated for development; production needs its own`);
    }
    if (pem !== undefined) return signingKeyFromPem(pem);
    if (config.NODE_ENV === 'production') throw new Error(`JWT_PRIVATE_KEY_FILE ${file} does not exist`);
    const key = generateSigningKey();
    mkdirSync(dirname(file), { recursive: true });
    // wx: never overwrite a key another process wrote meanwhile.
    writeFileSync(file, `${DEVELOPMENT_KEY_MARKER}\n${key.privateKeyPem}`, { mode: 0o600, flag: 'wx' });
    logger.warn({ kid: key.kid, file }, 'generated a development signing key; it is reused on restart');
    return key;
  }
  if (config.NODE_ENV === 'production') throw new Error('JWT_PRIVATE_KEY is required in production');
  const key = generateSigningKey();
  logger.warn(
    { kid: key.kid },
    'JWT_PRIVATE_KEY is unset: using an ephemeral signing key; every token dies with this process',
  );
  return key;
}
