/**
 * Runs every package's suite in one Jest run so the summary counts all tests.
 * `--coverage` (used by scripts/test.sh) enforces the thresholds below.
 */
module.exports = {
  // Most suites wait on real services rather than compute, so three workers share two cores well
  // (Jest's default, one fewer than the cores, ran the suites one at a time on 2 cores).
  // A number, not '150%': Jest reads a percentage above 100 as a plain number (150 workers, every
  // suite at once, which swamped the machine).
  maxWorkers: 3,
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
    // The e-commerce project's process entry points and scripts (three servers, seed, migrate, dev, db-types).
    '!<rootDir>/projects/05-ecommerce/src/*/server.ts',
    '!<rootDir>/projects/05-ecommerce/src/shop/seed*.ts',
    '!<rootDir>/projects/05-ecommerce/src/{dev,migrate,db-types}.ts',
  ],
  coverageDirectory: '<rootDir>/coverage',
  coverageReporters: ['text-summary', 'lcov'],
  coverageThreshold: {
    global: { lines: 75, branches: 60 },
    './projects/04-blog/src/': { lines: 80, branches: 70 },
    './projects/05-ecommerce/src/': { lines: 85, branches: 60 },
  },
};
