/**
 * Typed HTTP errors. Throw one anywhere; the global error handler turns it into an RFC 9457
 * problem+json answer. Only what is set here reaches the client.
 */

/** One invalid input field, as listed in a validation problem. */
export interface FieldError {
  /** Where the value came from and its path, e.g. `body.title` or `query.limit`. */
  field: string;
  message: string;
}

export interface HttpErrorOptions {
  detail?: string;
  /** Extra members added to the problem document (e.g. `takenSeats`). */
  extensions?: Record<string, unknown>;
  /** Response headers to send with the problem (e.g. `Retry-After`). */
  headers?: Record<string, string>;
  cause?: unknown;
}

const PROBLEM_BASE = 'https://problems.backend-roadmap.dev/';

export class HttpError extends Error {
  readonly status: number;
  readonly title: string;
  readonly type: string;
  readonly detail: string | undefined;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(status: number, title: string, slug: string, options: HttpErrorOptions = {}) {
    super(options.detail ?? title, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = status;
    this.title = title;
    this.type = PROBLEM_BASE + slug;
    this.detail = options.detail;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }
}

export class BadRequestError extends HttpError {
  constructor(detail: string, options: Omit<HttpErrorOptions, 'detail'> = {}) {
    super(400, 'Bad Request', 'bad-request', { ...options, detail });
  }
}

export class ValidationError extends HttpError {
  readonly errors: FieldError[];

  constructor(errors: FieldError[], detail = 'The request has invalid fields.') {
    super(400, 'Validation Failed', 'validation', { detail, extensions: { errors } });
    this.errors = errors;
  }
}

/**
 * Fields that are well-formed by the published document but break a rule it can only state in words:
 * how fields relate (`from` not after `to`, unique names), or what they refer to (no movie has this id,
 * a show must start in the future). A 422, so that a 400 always means the request does not match the
 * document's schemas, which a client can check before sending.
 */
export class FieldRuleError extends HttpError {
  readonly errors: FieldError[];

  constructor(errors: FieldError[], detail = 'The request is well-formed but breaks a rule about its fields.') {
    super(422, 'Unprocessable Entity', 'unprocessable-entity', { detail, extensions: { errors } });
    this.errors = errors;
  }
}

export class UnauthorizedError extends HttpError {
  constructor(detail = 'Authentication is required.', options: Omit<HttpErrorOptions, 'detail'> = {}) {
    super(401, 'Unauthorized', 'unauthorized', {
      ...options,
      detail,
      headers: { 'WWW-Authenticate': 'Bearer', ...options.headers },
    });
  }
}

export class ForbiddenError extends HttpError {
  constructor(detail = 'You are not allowed to do this.', options: Omit<HttpErrorOptions, 'detail'> = {}) {
    super(403, 'Forbidden', 'forbidden', { ...options, detail });
  }
}

export class NotFoundError extends HttpError {
  constructor(detail = 'The resource was not found.', options: Omit<HttpErrorOptions, 'detail'> = {}) {
    super(404, 'Not Found', 'not-found', { ...options, detail });
  }
}

export class MethodNotAllowedError extends HttpError {
  /** `allowed`: the methods the resource answers, sent as the `Allow` header. */
  constructor(method: string, allowed: readonly string[], options: Omit<HttpErrorOptions, 'detail'> = {}) {
    super(405, 'Method Not Allowed', 'method-not-allowed', {
      ...options,
      detail: `${method} is not allowed here; use ${allowed.join(', ')}.`,
      headers: { Allow: allowed.join(', '), ...options.headers },
      extensions: { allowed: [...allowed], ...options.extensions },
    });
  }
}

export class ConflictError extends HttpError {
  constructor(detail: string, options: Omit<HttpErrorOptions, 'detail'> = {}) {
    super(409, 'Conflict', 'conflict', { ...options, detail });
  }
}

export class GoneError extends HttpError {
  constructor(detail: string, options: Omit<HttpErrorOptions, 'detail'> = {}) {
    super(410, 'Gone', 'gone', { ...options, detail });
  }
}

export class PreconditionFailedError extends HttpError {
  constructor(detail: string, options: Omit<HttpErrorOptions, 'detail'> = {}) {
    super(412, 'Precondition Failed', 'precondition-failed', { ...options, detail });
  }
}

export class PayloadTooLargeError extends HttpError {
  constructor(detail = 'The request body is too large.', options: Omit<HttpErrorOptions, 'detail'> = {}) {
    super(413, 'Payload Too Large', 'payload-too-large', { ...options, detail });
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  constructor(detail: string, options: Omit<HttpErrorOptions, 'detail'> = {}) {
    super(415, 'Unsupported Media Type', 'unsupported-media-type', { ...options, detail });
  }
}

export class UnprocessableEntityError extends HttpError {
  constructor(detail: string, options: Omit<HttpErrorOptions, 'detail'> = {}) {
    super(422, 'Unprocessable Entity', 'unprocessable-entity', { ...options, detail });
  }
}

export class TooManyRequestsError extends HttpError {
  constructor(detail: string, retryAfterSeconds: number, options: Omit<HttpErrorOptions, 'detail'> = {}) {
    super(429, 'Too Many Requests', 'too-many-requests', {
      ...options,
      detail,
      headers: { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))), ...options.headers },
      extensions: { retryAfter: Math.max(1, Math.ceil(retryAfterSeconds)), ...options.extensions },
    });
  }
}

export class ServiceUnavailableError extends HttpError {
  constructor(detail: string, options: Omit<HttpErrorOptions, 'detail'> = {}) {
    super(503, 'Service Unavailable', 'service-unavailable', { ...options, detail });
  }
}
