/**
 * A nodemailer SMTP transport with bounded waits. nodemailer's defaults wait 2 minutes to connect
 * and 10 minutes on a silent socket; a delivery job should fail fast and be retried instead.
 */
import nodemailer, { type Transporter } from 'nodemailer';

export interface SmtpBounds {
  connectionTimeoutMs: number;
  greetingTimeoutMs: number;
  socketTimeoutMs: number;
}

export const DEFAULT_SMTP_BOUNDS: SmtpBounds = {
  connectionTimeoutMs: 5000,
  greetingTimeoutMs: 5000,
  socketTimeoutMs: 20_000,
};

/** `url` as nodemailer reads it, e.g. `smtp://user:pass@host:587` or `smtp://127.0.0.1:1025?ignoreTLS=true`. */
export function createSmtpTransport(url: string, bounds: Partial<SmtpBounds> = {}): Transporter {
  const { connectionTimeoutMs, greetingTimeoutMs, socketTimeoutMs } = { ...DEFAULT_SMTP_BOUNDS, ...bounds };
  return nodemailer.createTransport({
    url,
    connectionTimeout: connectionTimeoutMs,
    greetingTimeout: greetingTimeoutMs,
    socketTimeout: socketTimeoutMs,
  });
}

/** The longest one send may take with these bounds; the send lease must outlast it. */
export function longestSendMs(bounds: Partial<SmtpBounds> = {}): number {
  const { connectionTimeoutMs, greetingTimeoutMs, socketTimeoutMs } = { ...DEFAULT_SMTP_BOUNDS, ...bounds };
  return connectionTimeoutMs + greetingTimeoutMs + socketTimeoutMs;
}
