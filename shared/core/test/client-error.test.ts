/** Requests Node's HTTP parser refuses, sent byte by byte to a real server. */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { answerClientErrors } from '../src/client-error.js';

/** Sends `raw` and resolves with everything the server wrote before it closed the connection. */
function exchange(server: Server, raw: string | Buffer): Promise<string> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
    socket.write(raw);
  });
}

function parse(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((line) => [
      line.slice(0, line.indexOf(':')).toLowerCase(),
      line.slice(line.indexOf(':') + 1).trim(),
    ]),
  );
  return { statusLine, headers, body: JSON.parse(body) as Record<string, unknown> };
}

describe('answerClientErrors', () => {
  let server: Server;

  beforeAll(async () => {
    server = createServer((_req, res) => res.end('ok'));
    answerClientErrors(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers a control character in a header with a 400 problem+json and closes the connection', async () => {
    const answer = parse(await exchange(server, 'GET /api/v1/bookings HTTP/1.1\r\nHost: x\r\nX-Test: a\x1db\r\n\r\n'));

    expect(answer.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.headers.connection).toBe('close');
    expect(answer.body).toMatchObject({ status: 400, title: 'Bad Request', requestId: answer.headers['x-request-id'] });
    expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify(answer.body)));
  });

  it('answers headers larger than the parser takes with 431', async () => {
    const answer = parse(await exchange(server, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));

    expect(answer.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(answer.body).toMatchObject({ status: 431 });
  });

  it('answers a malformed request line with 400, and well-formed requests as before', async () => {
    const malformed = parse(await exchange(server, 'NOT HTTP AT ALL\r\n\r\n'));
    const fine = await exchange(server, 'GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');

    expect(malformed.statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(fine).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*\r\n\r\nok$/);
  });
});
