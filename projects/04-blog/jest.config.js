module.exports = require('../../jest.preset.js').jestConfig(__dirname, 'blog', {
  collectCoverageFrom: [
    '<rootDir>/src/**/*.ts',
    '!<rootDir>/src/server.ts',
    '!<rootDir>/src/seed.ts',
    '!<rootDir>/src/dev-tokens.ts',
  ],
});
