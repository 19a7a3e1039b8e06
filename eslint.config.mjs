// Lint rules for every package: typescript-eslint's recommended set plus the house rules
// (no console, no any, no unused values), and the import rules of feature folders
// (docs/architecture.md), so the shape of every project is checked, not only described.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import featureImports from './eslint-rules/feature-imports.mjs';
import queryBuilder from './eslint-rules/query-builder.mjs';

/** Reaching into another feature's files rather than through its index.ts. */
const throughIndex = {
  regex: '^\\.\\./(?!\\.\\./)[^/]+/(?!index\\.js$)',
  message: 'Import another feature through its index.ts (what it offers), not through its files.',
};
/** What every file of a feature folder (projects/<p>/src/modules/<feature>/) may not import. */
const featurePatterns = [
  throughIndex,
  {
    regex: '^\\.\\./\\.\\./',
    message: 'A feature imports nothing from the project root (app, server, config, jobs): what it needs is passed in.',
  },
];

const httpLayer = {
  regex: '\\.(controller|routes|openapi)\\.js$',
  message: 'Services, repositories, models and views know nothing of HTTP: the controller calls them, not the reverse.',
};
/** What the layers below the controller (service, repository, model, view) may not import either. */
const belowHttpPatterns = [...featurePatterns, httpLayer];
const noExpress = {
  name: 'express',
  message: 'Nothing about HTTP (requests, paths, status codes) below the controller.',
};

/** Only a feature's repository creates (and so queries) its Mongoose model. */
const onlyRepositoryQueries = {
  regex: '\\.model\\.js$',
  importNamePattern: '^create',
  message: "Only the feature's repository creates and queries its model; go through the repository.",
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/coverage/**', '**/node_modules/**', '.data/**', 'tools/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Web pages a project serves (plain ES modules in the browser).
    files: ['projects/*/public/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser } },
  },
  {
    files: ['**/*.test.ts', '**/test/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
  },
  {
    files: ['projects/*/src/modules/**/*.ts'],
    plugins: { feature: featureImports },
    rules: {
      'feature/no-cycle': 'error',
      'no-restricted-imports': ['error', { patterns: [...featurePatterns, onlyRepositoryQueries] }],
    },
  },
  {
    files: ['projects/*/src/modules/**/*.{service,view}.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noExpress], patterns: [...belowHttpPatterns, onlyRepositoryQueries] },
      ],
    },
  },
  {
    files: ['projects/*/src/modules/**/*.{repository,model}.ts', 'projects/*/src/modules/**/*.model.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noExpress], patterns: belowHttpPatterns }] },
  },
  // A project of several services (e-commerce: src/<service>/modules/<feature>/): the same feature
  // rules, except that a feature may use its service's and its project's infrastructure
  // (src/platform, src/contracts, the database types), which is not another feature.
  {
    files: ['projects/*/src/*/modules/**/*.ts'],
    plugins: { feature: featureImports },
    rules: {
      'feature/no-cycle': 'error',
      'no-restricted-imports': ['error', { patterns: [throughIndex] }],
    },
  },
  {
    files: ['projects/*/src/*/modules/**/*.{service,view,repository}.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noExpress], patterns: [throughIndex, httpLayer] }] },
  },
  // The SQL flavour of "only the repository queries": on Kysely, only `<x>.repository.ts` builds
  // queries. The messaging platform owns the outbox and inbox tables.
  {
    files: ['projects/05-ecommerce/src/**/*.ts'],
    ignores: ['**/*.repository.ts', 'projects/05-ecommerce/src/platform/messaging/**', '**/*.test.ts'],
    plugins: { sql: queryBuilder },
    rules: { 'sql/only-repository-queries': 'error' },
  },
);
