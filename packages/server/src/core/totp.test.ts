import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, newTotpSecret, otpauthUri, stepAt, totpCode, verifyTotp } from './totp.js';

// RFC 6238 appendix B, SHA-1 rows (8 digits), secret "12345678901234567890".
const RFC_SECRET = Buffer.from('12345678901234567890');
const RFC_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP', () => {
  it('matches the RFC 6238 test vectors', () => {
    for (const [seconds, code] of RFC_VECTORS) expect(totpCode(RFC_SECRET, stepAt(new Date(seconds * 1000)), 8)).toBe(code);
  });

  it('round-trips base32 (RFC 4648 example) and makes 160-bit secrets', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI').toString()).toBe('foobar');
    expect(base32Decode('mzxw 6ytb-oi').toString()).toBe('foobar');
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(secret)).toHaveLength(20);
  });

  it('accepts one step of drift, refuses others, and refuses a used step', () => {
    const secret = newTotpSecret();
    const now = new Date('2026-11-26T02:00:10Z');
    const step = stepAt(now);
    expect(verifyTotp(secret, totpCode(secret, step), now)).toBe(step);
    expect(verifyTotp(secret, totpCode(secret, step - 1), now)).toBe(step - 1);
    expect(verifyTotp(secret, totpCode(secret, step + 1), now)).toBe(step + 1);
    expect(verifyTotp(secret, totpCode(secret, step - 2), now)).toBeUndefined();
    expect(verifyTotp(secret, totpCode(secret, step), now, step)).toBeUndefined();
    expect(verifyTotp(secret, totpCode(secret, step + 1), now, step)).toBe(step + 1);
    expect(verifyTotp(secret, '12345', now)).toBeUndefined();
    expect(verifyTotp(secret, 'abcdef', now)).toBeUndefined();
  });

  it('builds the otpauth URI apps scan', () => {
    expect(otpauthUri('MZXW6YTBOI', 'sysadmin')).toBe(
      'otpauth://totp/%E8%BF%9E%E5%BF%83%20Lianxin%3Asysadmin?secret=MZXW6YTBOI&issuer=%E8%BF%9E%E5%BF%83%20Lianxin&algorithm=SHA1&digits=6&period=30',
    );
  });
});
