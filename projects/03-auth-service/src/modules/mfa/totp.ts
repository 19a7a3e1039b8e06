/**
 * TOTP (RFC 6238) as authenticator apps expect it: SHA-1, 6 digits, 30-second steps, a 160-bit secret,
 * with otplib. A code is accepted one step either side of now (clock drift), and only for a step
 * later than the last one accepted: the caller stores the step, so a code replayed within its window
 * (or an older one) is refused.
 */
import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';
import QRCode from 'qrcode';

export const TOTP_PERIOD_SECONDS = 30;
/** Steps accepted before and after the current one. */
export const TOTP_DRIFT_STEPS = 1;

export function newTotpSecret(): string {
  return generateSecret();
}

/** The `otpauth://` URI an authenticator app reads from the QR code. */
export function totpUri(issuer: string, accountName: string, secret: string): string {
  return generateURI({ issuer, label: accountName, secret, period: TOTP_PERIOD_SECONDS, digits: 6 });
}

/** The URI as a QR code, an SVG `data:` URL an `<img>` shows under a CSP that allows `img-src data:`. */
export async function totpQrCode(uri: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/**
 * The time step `code` belongs to when it is valid at `now` (within the drift) and later than
 * `afterStep`; null otherwise. Malformed codes are simply not valid.
 */
export function acceptedTotpStep(secret: string, code: string, now: Date, afterStep = 0): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const result = verifySync({
    secret,
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    period: TOTP_PERIOD_SECONDS,
    epochTolerance: TOTP_DRIFT_STEPS * TOTP_PERIOD_SECONDS,
    ...(afterStep > 0 ? { afterTimeStep: afterStep } : {}),
  });
  // The result type also covers HOTP, which has no time step.
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** The code an authenticator shows at `at` (tests, and the demo seed). */
export function totpCodeAt(secret: string, at: Date): string {
  return generateSync({ secret, epoch: Math.floor(at.getTime() / 1000), period: TOTP_PERIOD_SECONDS });
}
