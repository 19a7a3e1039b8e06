/**
 * Loaded into a server process by a test (`preload` of startChildServer): on SIGUSR2 it leaves a
 * promise rejection unhandled, so the test can watch the server's own process-level handler act.
 */
process.on('SIGUSR2', () => {
  void Promise.reject(new Error('unhandled rejection raised by the test'));
});
