/** Loggers for tests: silent by default, or capturing every line so a test can assert on its logs. */
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '@roadmap/core';

/** A logger for tests: silent unless TEST_LOG_LEVEL asks for lines (e.g. TEST_LOG_LEVEL=debug). */
export function testLogger(name = 'test'): Logger {
  return createLogger({ name, level: process.env.TEST_LOG_LEVEL ?? 'silent' });
}

export interface CapturedLogs {
  logger: Logger;
  /** Every line written so far, parsed. */
  lines: Record<string, unknown>[];
  /** Every line written so far, as the raw text. */
  text(): string;
}

/** A logger (with the service's redaction) whose lines are kept for assertions. */
export function captureLogs(name = 'test', level = 'info'): CapturedLogs {
  const lines: Record<string, unknown>[] = [];
  let text = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString();
      for (const line of chunk.toString().split('\n'))
        if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return { logger: createLogger({ name, level, destination }), lines, text: () => text };
}
