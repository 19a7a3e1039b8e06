// otplib's base32 and hash plugins (@scure/base, @noble/hashes 2) ship only ES modules, like jose.
module.exports = require('../../jest.preset.js').jestConfig(__dirname, 'auth-service', {
  transformIgnorePatterns: [
    '/node_modules/(?!(\\.pnpm/(jose|@scure\\+base|@noble\\+hashes)@|(jose|@scure/base|@noble/hashes)/))',
  ],
});
