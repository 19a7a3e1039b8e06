import { createLogger, type Logger } from '@roadmap/core';

/** A logger for tests: silent unless TEST_LOG_LEVEL asks for lines (e.g. TEST_LOG_LEVEL=debug). */
export function testLogger(name = 'test'): Logger {
  return createLogger({ name, level: process.env.TEST_LOG_LEVEL ?? 'silent' });
}
