/**
 * Runs every package's suite in one Jest process so the summary counts all tests.
 * `--coverage` (used by scripts/test.sh) enforces the thresholds below.
 */
module.exports = {
  projects: ['<rootDir>/shared/*/jest.config.js', '<rootDir>/projects/*/jest.config.js'],
  // A global option: the projects' own testTimeout is ignored in a multi-project run. The API tests
  // race hundreds of requests against real services on a 2-core machine.
  testTimeout: 30000,
  collectCoverageFrom: [
    '<rootDir>/shared/*/src/**/*.ts',
    '<rootDir>/projects/*/src/**/*.ts',
    '!**/*.test.ts',
    '!**/src/server.ts',
    '!**/src/seed.ts',
    '!**/src/dev-tokens.ts',
    '!**/src/index.ts',
  ],
  coverageDirectory: '<rootDir>/coverage',
  coverageReporters: ['text-summary', 'lcov'],
  coverageThreshold: {
    global: { lines: 75, branches: 60 },
    './projects/04-blog/src/': { lines: 80, branches: 70 },
  },
};
