/** Runs every package's suite in one Jest process so the summary counts all tests. */
module.exports = {
  projects: ['<rootDir>/shared/*/jest.config.js', '<rootDir>/projects/*/jest.config.js'],
};
