/**
 * Structured JSON logging with pino. The HTTP logger gives each request an id (taken from a valid
 * incoming `X-Request-Id` or generated), echoes it back, and binds it to every line of `req.log`.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger, type LoggerOptions } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';

export type { Logger } from 'pino';

const SECRET_KEYS = [
  'password',
  'currentPassword',
  'newPassword',
  'token',
  'accessToken',
  'refreshToken',
  'passwordHash',
];

/** Paths never written to a log line, whatever a caller passes: at the top level and one level down. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
];

export interface CreateLoggerOptions {
  name: string;
  level?: string;
  /** Where lines go; defaults to stdout. Tests pass a stream to read them. */
  destination?: pino.DestinationStream;
}

export function createLogger({ name, level = 'info', destination }: CreateLoggerOptions): Logger {
  const options: LoggerOptions = {
    name,
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  // Stdout, asynchronously, but flushable: pino's final flushSync at exit does not wait for a write
  // still queued in libuv's thread pool (sonic-boom issue 101), so a shutdown's last lines came out
  // of order or not at all. With minLength 1 (pino's default is 0) `logger.flush(cb)` waits for it,
  // and handleProcessEvents awaits that before exiting.
  return pino(options, destination ?? pino.destination({ dest: 1, minLength: 1 }));
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

export function requestLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel(_req, res, err) {
      // Client errors are the caller's business: info, like successes.
      return err || res.statusCode >= 500 ? 'error' : 'info';
    },
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    // The serializers below read the request and response themselves: without wrapping, pino-http
    // does not first copy every header of each request into pino-std-serializers' object, only for
    // this line to keep three fields of it. Errors keep pino's own `err` serializer.
    wrapSerializers: false,
    serializers: {
      req(req: { id: unknown; method: string; url: string; originalUrl?: string }) {
        return { id: req.id, method: req.method, url: req.originalUrl ?? req.url };
      },
      // Status only: response headers would repeat on every line and may carry cookies.
      res(res: { statusCode: number }) {
        return { statusCode: res.statusCode };
      },
    },
  });
}
