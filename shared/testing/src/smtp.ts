/**
 * An in-process SMTP server that accepts every message on a random loopback port and keeps it,
 * parsed, for assertions. It can be told to fail deliveries, to test retries.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { waitFor } from './wait.js';

export interface CapturedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: ParsedMail['headers'];
}

export interface SmtpSink {
  host: string;
  port: number;
  messages: CapturedMail[];
  /** Rejects the next `count` deliveries with a temporary (451) failure. */
  failNext(count: number): void;
  /** Resolves with the first message matching `predicate`, polling until the deadline. */
  waitForMessage(predicate: (mail: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  close(): Promise<void>;
}

function addresses(value: ParsedMail['to'] | ParsedMail['from']): string[] {
  if (!value) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((entry) => entry.value.map((address) => address.address ?? '')).filter(Boolean);
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: CapturedMail[] = [];
  let failuresLeft = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('Try again later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          messages.push({
            from: addresses(mail.from)[0] ?? '',
            to: addresses(mail.to),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
            headers: mail.headers,
          });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  // A client whose connection is reset (a fault proxy cutting SMTP) is no failure of the sink.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('SMTP sink has no TCP address');
  return {
    host: '127.0.0.1',
    port: address.port,
    messages,
    failNext(count) {
      failuresLeft = count;
    },
    waitForMessage(predicate, timeoutMs = 5000) {
      return waitFor(() => messages.find(predicate), { timeoutMs, description: 'an email' });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
