// jwks-rsa (via @roadmap/auth) requires jose 6, which is ESM-only: let swc transform it for Jest.
module.exports = require('../../jest.preset.js').jestConfig(__dirname, 'movie-booking', {
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/(jose)@|(jose)/))'],
});
