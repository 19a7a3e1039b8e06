export * from './access-token.js';
export * from './account-fields.js';
export * from './config.js';
export * from './keys.js';
export * from './middleware.js';
export * from './password.js';
export * from './roles.js';
export * from './test-issuer.js';
