/**
 * `@roadmap/auth/testing`: a throw-away token issuer for tests and benchmarks. A subpath of its own,
 * never imported by a production entry point, so no service ships a way to mint tokens.
 */
export * from './test-issuer.js';
