/** The signing key from JWT_PRIVATE_KEY, or (outside production) an ephemeral one with a warning. */
import { generateSigningKey, signingKeyFromPem, type SigningKey } from '@roadmap/auth';
import type { Logger } from '@roadmap/core';
import type { AuthConfig } from './config.js';

export function loadSigningKey(config: Pick<AuthConfig, 'JWT_PRIVATE_KEY' | 'NODE_ENV'>, logger: Logger): SigningKey {
  if (config.JWT_PRIVATE_KEY) return signingKeyFromPem(config.JWT_PRIVATE_KEY);
  if (config.NODE_ENV === 'production') throw new Error('JWT_PRIVATE_KEY is required in production');
  const key = generateSigningKey();
  logger.warn(
    { kid: key.kid },
    'JWT_PRIVATE_KEY is unset: using an ephemeral signing key; every token dies with this process',
  );
  return key;
}
