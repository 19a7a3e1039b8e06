// jwks-rsa requires jose 6, which is ESM-only: let swc transform it for Jest.
module.exports = require('../../jest.preset.js').jestConfig(__dirname, 'auth', {
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/(jose)@|(jose)/))'],
});
