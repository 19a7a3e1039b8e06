import { acceptedTotpStep, newTotpSecret, totpCodeAt, totpQrCode, totpUri } from './totp.js';

const secret = newTotpSecret();
// 15 s into a 30-second step.
const now = new Date(Date.UTC(2030, 0, 1, 9, 0, 15));
const stepsFrom = (steps: number) => new Date(now.getTime() + steps * 30_000);
const STEP = Math.floor(now.getTime() / 30_000);

describe('TOTP codes', () => {
  it('accepts the current code and the codes one step either side (drift), answering their step', () => {
    expect(acceptedTotpStep(secret, totpCodeAt(secret, now), now)).toBe(STEP);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, stepsFrom(-1)), now)).toBe(STEP - 1);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, stepsFrom(1)), now)).toBe(STEP + 1);
  });

  it('refuses codes two steps away', () => {
    expect(acceptedTotpStep(secret, totpCodeAt(secret, stepsFrom(-2)), now)).toBeNull();
    expect(acceptedTotpStep(secret, totpCodeAt(secret, stepsFrom(2)), now)).toBeNull();
  });

  it('refuses a code whose step is not after the last accepted one (replay)', () => {
    const code = totpCodeAt(secret, now);
    expect(acceptedTotpStep(secret, code, now, STEP)).toBeNull();
    expect(acceptedTotpStep(secret, totpCodeAt(secret, stepsFrom(-1)), now, STEP)).toBeNull();
    expect(acceptedTotpStep(secret, code, now, STEP - 1)).toBe(STEP);
  });

  it.each(['12345', '1234567', 'abcdef', '', '12 456'])('treats the malformed code %j as invalid', (code) => {
    expect(acceptedTotpStep(secret, code, now)).toBeNull();
  });

  it('makes an otpauth URI with issuer and account, and an SVG QR code as a data URL', async () => {
    const uri = totpUri('Backend Roadmap', 'ada@example.com', secret);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Backend%20Roadmap:ada%40example\.com\?/);
    expect(new URL(uri).searchParams.get('secret')).toBe(secret);
    const qr = await totpQrCode(uri);
    expect(qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(qr.split(',')[1] ?? '', 'base64').toString()).toMatch(/^<svg/);
  });
});
