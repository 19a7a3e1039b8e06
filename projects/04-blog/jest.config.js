// jwks-rsa (via @roadmap/auth) requires jose 6, which is ESM-only: let swc transform it for Jest.
module.exports = require('../../jest.preset.js').jestConfig(__dirname, 'blog', {
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/(jose)@|(jose)/))'],
  collectCoverageFrom: [
    '<rootDir>/src/**/*.ts',
    '!<rootDir>/src/server.ts',
    '!<rootDir>/src/seed.ts',
    '!<rootDir>/src/dev-tokens.ts',
  ],
  coverageThreshold: { global: { lines: 80, statements: 80, functions: 80, branches: 70 } },
});
