/**
 * `@roadmap/mail/testing`: the mail path as tests run it. A subpath of its own, never imported by a
 * production entry point, so no service ships test helpers.
 */
export * from './mongo-mail-path.js';
