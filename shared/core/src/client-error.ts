/**
 * Requests that Node's HTTP parser refuses (a control character in a header, a malformed request
 * line, headers too large, a request that took too long to arrive) never reach Express, and Node's own
 * answer is a bare status line. Here they get the same problem+json as every other error, with a
 * request id that the log line repeats, and the connection closes (the parser cannot resynchronise).
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { PROBLEM_CONTENT_TYPE, type ProblemDocument } from './problem.js';

interface ParserRefusal {
  status: number;
  title: string;
  slug: string;
  detail: string;
}

const BAD_REQUEST: ParserRefusal = {
  status: 400,
  title: 'Bad Request',
  slug: 'bad-request',
  detail: 'The request is not valid HTTP (for example a control character in a header) and was not processed.',
};

/** Node's error codes for which its own answer is not a 400 (see `socketOnError` in Node's http server). */
const REFUSALS: Record<string, ParserRefusal> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    title: 'Request Header Fields Too Large',
    slug: 'header-fields-too-large',
    detail: 'The request headers are too large.',
  },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: {
    status: 413,
    title: 'Payload Too Large',
    slug: 'payload-too-large',
    detail: 'The chunk extensions of the request body are too large.',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    title: 'Request Timeout',
    slug: 'request-timeout',
    detail: 'The request did not arrive in time.',
  },
};

const PROBLEM_BASE = 'https://problems.backend-roadmap.dev/';

/** The raw HTTP/1.1 answer to a request the parser refused: a problem+json, then the connection closes. */
export function parserRefusalResponse(code: string | undefined, requestId: string): { status: number; raw: string } {
  const refusal = (code ? REFUSALS[code] : undefined) ?? BAD_REQUEST;
  const problem: ProblemDocument = {
    type: PROBLEM_BASE + refusal.slug,
    title: refusal.title,
    status: refusal.status,
    detail: refusal.detail,
    requestId,
  };
  const body = JSON.stringify(problem);
  const raw = [
    `HTTP/1.1 ${refusal.status} ${refusal.title}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
  return { status: refusal.status, raw };
}

function responseInFlight(socket: Duplex): boolean {
  // Node's own handler checks the same: an answer already started on this socket must not be corrupted.
  const message = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  return message?.headersSent === true;
}

/** Answers the parser's refusals on `server` as problem+json; call before it listens. */
export function answerClientErrors(server: Server, logger?: Logger): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable || responseInFlight(socket)) {
      socket.destroy();
      return;
    }
    const requestId = randomUUID();
    const { status, raw } = parserRefusalResponse(err.code, requestId);
    logger?.info({ requestId, status, code: err.code }, 'request refused by the HTTP parser');
    socket.end(raw, () => socket.destroy());
  });
}
