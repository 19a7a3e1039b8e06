/**
 * `@roadmap/core/mongo`: the MongoDB pieces of the MongoDB projects (01-04). A subpath of its own so
 * that `@roadmap/core` never loads mongoose: a PostgreSQL process (05) does not import this.
 */
export * from './connection.js';
export * from './find-page.js';
export * from './readiness.js';
