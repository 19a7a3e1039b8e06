/**
 * Jest settings shared by every package: swc transpiles TypeScript (type-checking is `pnpm typecheck`),
 * `.js` import suffixes map back to `.ts` sources, and workspace packages resolve to their sources so
 * tests never need a build. The environment is Node's, timing each suite's phases when JEST_PHASES
 * names a file (scripts/test.sh sets it).
 */
const path = require('node:path');

const sharedDir = path.join(__dirname, 'shared');

/** @param {string} rootDir @param {string} displayName */
function jestConfig(rootDir, displayName, overrides = {}) {
  return {
    displayName,
    rootDir,
    testEnvironment: path.join(__dirname, 'scripts/lib/jest-phases.js'),
    testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
    transform: {
      '^.+\\.(t|j)s$': [
        require.resolve('@swc/jest'),
        { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
      ],
    },
    // jose (used by jwks-rsa) ships only ES modules; swc turns them into CommonJS for Jest.
    transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/(jose)@|(jose)/))'],
    moduleNameMapper: {
      '^@roadmap/([a-z-]+)$': `${sharedDir}/$1/src/index.ts`,
      '^@roadmap/([a-z-]+)/(.*)$': `${sharedDir}/$1/src/$2`,
      '^(\\.{1,2}/.*)\\.js$': '$1',
    },
    testTimeout: 30000,
    ...overrides,
  };
}

module.exports = { jestConfig };
