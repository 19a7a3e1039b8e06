export * from './mongo-mail-store.js';
export * from './owed-mail.js';
export * from './open-outbox.js';
export * from './repository-set.js';
