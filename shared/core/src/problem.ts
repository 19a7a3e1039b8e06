/**
 * The one global error handler: every error, whatever threw it, leaves as RFC 9457
 * `application/problem+json`. Unknown errors become a 500 that names nothing internal.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import {
  BadRequestError,
  ConflictError,
  HttpError,
  NotFoundError,
  PayloadTooLargeError,
  ServiceUnavailableError,
  UnsupportedMediaTypeError,
  ValidationError,
  type FieldError,
} from './errors.js';
import { isDependencyUnavailable } from './unavailable.js';
import { zodIssuesToFieldErrors } from './validate.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

function hasProp<K extends string>(value: unknown, key: K): value is Record<K, unknown> {
  return typeof value === 'object' && value !== null && key in value;
}

/** Errors raised by body-parser (express.json) carry a `type` naming what went wrong. */
function fromBodyParser(err: unknown): HttpError | undefined {
  if (!hasProp(err, 'type') || typeof err.type !== 'string') return undefined;
  switch (err.type) {
    case 'entity.parse.failed':
      return new BadRequestError('The request body is not valid JSON.');
    case 'entity.too.large': {
      const limit = hasProp(err, 'limit') && typeof err.limit === 'number' ? ` (limit ${err.limit} bytes)` : '';
      return new PayloadTooLargeError(`The request body is too large${limit}.`);
    }
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new UnsupportedMediaTypeError('The request body encoding or charset is not supported.');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new BadRequestError('The request body could not be read.');
    default:
      return undefined;
  }
}

/** zlib's and brotli's codes: a body whose Content-Encoding does not match its bytes. */
const DECOMPRESSION_CODE = /^(Z_|ERR__ERROR_|ERR_BROTLI|ERR_ZLIB)/;

/** A body that claims gzip, deflate or br but does not decompress. zlib's own words stay in the log. */
function fromDecompression(err: unknown): HttpError | undefined {
  if (!hasProp(err, 'code') || typeof err.code !== 'string' || !DECOMPRESSION_CODE.test(err.code)) return undefined;
  return new BadRequestError('The request body could not be decompressed; check its Content-Encoding.');
}

/** MongoDB's duplicate-key error (a unique index refused the write), by its code. */
export function isDuplicateKeyError(err: unknown): boolean {
  return hasProp(err, 'code') && err.code === 11000;
}

/** Mongoose and MongoDB driver errors, recognised by shape so this package needs neither. */
function fromDatabase(err: unknown): HttpError | undefined {
  if (!hasProp(err, 'name')) return undefined;
  if (err.name === 'ValidationError' && hasProp(err, 'errors') && typeof err.errors === 'object' && err.errors) {
    const errors = Object.entries(err.errors as Record<string, { message?: unknown }>).map(([field, e]) => ({
      field: `body.${field}`,
      message: typeof e.message === 'string' ? e.message : 'Invalid value.',
    }));
    return new ValidationError(errors);
  }
  if (err.name === 'CastError' && hasProp(err, 'path')) {
    return new ValidationError([{ field: String(err.path), message: 'Has an invalid format.' }]);
  }
  // PostgreSQL-backed MongoDB-compatible servers (FerretDB) cannot store NUL characters in strings.
  if (hasProp(err, 'message') && typeof err.message === 'string' && /SQLSTATE 22P05|\\u0000/.test(err.message)) {
    return new BadRequestError('Text fields must not contain NUL (\\u0000) characters.');
  }
  if (err.name === 'VersionError') {
    return new ConflictError('The resource was changed by someone else; reload it and try again.');
  }
  if (isDuplicateKeyError(err)) {
    const fields = hasProp(err, 'keyValue') && err.keyValue ? Object.keys(err.keyValue as object) : [];
    return new ConflictError(
      fields.length > 0 ? `A resource with this ${fields.join(', ')} already exists.` : 'The resource already exists.',
      { extensions: fields.length > 0 ? { fields } : {} },
    );
  }
  return undefined;
}

const MALFORMED_MULTIPART =
  /^(Multipart: Boundary not found|Unexpected end of form|Malformed part header|Malformed urlencoded form)/;

/** Multer errors (file uploads) carry a `code` such as LIMIT_FILE_SIZE; busboy's parse errors only a message. */
function fromUpload(err: unknown): HttpError | undefined {
  if (err instanceof Error && MALFORMED_MULTIPART.test(err.message)) {
    return new BadRequestError('The multipart/form-data body is malformed.');
  }
  if (!hasProp(err, 'name') || err.name !== 'MulterError' || !hasProp(err, 'code')) return undefined;
  const field = hasProp(err, 'field') && typeof err.field === 'string' ? err.field : undefined;
  if (err.code === 'LIMIT_FILE_SIZE') return new PayloadTooLargeError('The uploaded file is too large.');
  const message = hasProp(err, 'message') && typeof err.message === 'string' ? err.message : 'Invalid upload.';
  return new ValidationError([{ field: field ? `file.${field}` : 'file', message }], 'The upload was rejected.');
}

/** The router could not percent-decode a path parameter (e.g. `/notes/%E0%A4%A`). */
function fromUndecodablePath(err: unknown): HttpError | undefined {
  if (!(err instanceof URIError)) return undefined;
  return new BadRequestError('The request path has a malformed percent-encoding.');
}

/**
 * Any other error that declares itself safe to show (http-errors style `expose` + 4xx status). Its
 * message is shown only when it was written for a client: one wrapping a system or library error
 * (with an `errno`, `code` or `syscall`) gets a generic detail instead.
 */
function fromExposedClientError(err: unknown): HttpError | undefined {
  if (!hasProp(err, 'status') || typeof err.status !== 'number') return undefined;
  if (err.status < 400 || err.status >= 500 || !hasProp(err, 'expose') || err.expose !== true) return undefined;
  const internal = hasProp(err, 'errno') || hasProp(err, 'code') || hasProp(err, 'syscall');
  const message = !internal && hasProp(err, 'message') && typeof err.message === 'string' ? err.message : undefined;
  return new HttpError(err.status, 'Bad Request', 'bad-request', { detail: message ?? 'The request was rejected.' });
}

export function toHttpError(err: unknown): HttpError | undefined {
  if (err instanceof HttpError) return err;
  if (err instanceof ZodError) return new ValidationError(zodIssuesToFieldErrors(err.issues, 'body'));
  if (isDependencyUnavailable(err)) {
    return new ServiceUnavailableError('A dependency is unavailable; try again shortly.', {
      headers: { 'Retry-After': '2' },
    });
  }
  return (
    fromDecompression(err) ??
    fromBodyParser(err) ??
    fromUndecodablePath(err) ??
    fromUpload(err) ??
    fromDatabase(err) ??
    fromExposedClientError(err)
  );
}

export function problemFrom(error: HttpError, instance?: string, requestId?: string): ProblemDocument {
  return {
    type: error.type,
    title: error.title,
    status: error.status,
    ...(error.detail === undefined ? {} : { detail: error.detail }),
    ...(instance === undefined ? {} : { instance }),
    ...(requestId === undefined ? {} : { requestId }),
    ...error.extensions,
  };
}

/** Answers 404 problem+json for any route nothing else matched. Mount after all routes. */
export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => {
    next(new NotFoundError(`No route matches ${req.method} ${req.path}.`));
  };
}

export function errorHandler(): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const known = toHttpError(err);
    const requestId = typeof req.id === 'string' || typeof req.id === 'number' ? String(req.id) : undefined;
    const httpError =
      known ??
      new HttpError(500, 'Internal Server Error', 'internal', {
        detail: 'An unexpected error occurred. It has been logged; quote the request id when reporting it.',
      });
    if (httpError.status >= 500) {
      req.log?.error({ err }, 'request failed');
    } else {
      // A library's error mapped to a 4xx keeps its own words for the log only.
      const cause = err instanceof HttpError || err instanceof ZodError ? {} : { err };
      req.log?.info(
        { status: httpError.status, problem: httpError.type, detail: httpError.detail, ...cause },
        'request rejected',
      );
    }
    res.status(httpError.status);
    res.set(httpError.headers);
    res.type(PROBLEM_CONTENT_TYPE);
    res.send(JSON.stringify(problemFrom(httpError, req.originalUrl, requestId)));
  };
}
