export * from './pg-mail-store.js';
