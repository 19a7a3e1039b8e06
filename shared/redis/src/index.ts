export * from './bull-queue.js';
export * from './redis-client.js';
export * from './redis-options.js';
