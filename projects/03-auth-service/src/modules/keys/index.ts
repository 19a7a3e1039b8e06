/** The signing keys, as the rest of the project sees them: the current private key, earlier public keys, the JWKS. */
export { registerKeyPaths } from './keys.openapi.js';
export { JWKS_PATH, keyRoutes } from './keys.routes.js';
export { DEVELOPMENT_KEY_MARKER, isDevelopmentKey, loadSigningKey, type KeyConfig } from './signing-key.js';
export { createKeyRingVerifier, parsePublicKeyBundle, type PreviousPublicKey } from './verification-keys.js';
