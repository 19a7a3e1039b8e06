export * from './mail-delivery.js';
export * from './mail-outbox.js';
export * from './mail-routes.js';
export * from './logging-transport.js';
export * from './mail-store.js';
export * from './retry-policy.js';
export * from './smtp-transport.js';
