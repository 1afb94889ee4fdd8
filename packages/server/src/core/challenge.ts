// A simple challenge against automated abuse of the public forms: a small sum whose answer is
// sealed in an HMAC token with an expiry. Stateless; a token is good for one use within 10 minutes
// (used tokens are remembered until they expire).
import crypto from 'node:crypto';
import { AppError } from './errors.js';

const TTL_MS = 10 * 60_000;

export function createChallenges(secret: Buffer, now: () => number = Date.now) {
  const used = new Map<string, number>();
  const sign = (payload: string) => crypto.createHmac('sha256', secret).update(payload).digest('base64url');

  function issue(): { token: string; question: string } {
    const a = crypto.randomInt(2, 10);
    const b = crypto.randomInt(1, 10);
    const expires = now() + TTL_MS;
    const nonce = crypto.randomBytes(6).toString('base64url');
    const payload = `${expires}.${nonce}`;
    return { token: `${payload}.${sign(`${payload}.${a + b}`)}`, question: `${a} + ${b} = ?` };
  }

  /** Throws a 400 the person understands unless the answer fits the token. */
  function verify(token: string, answer: string): void {
    const [expires, nonce, mac] = token.split('.');
    const wrong = () => new AppError('validation_failed', { zh: '验证答案不正确或已过期，请重新获取', en: 'Wrong or expired check answer' }, { fields: [{ field: 'challengeAnswer', zh: '验证答案不正确或已过期，请重新获取', en: 'Wrong or expired check answer' }] });
    if (!expires || !nonce || !mac || Number(expires) < now()) throw wrong();
    const expected = sign(`${expires}.${nonce}.${answer.trim()}`);
    if (expected.length !== mac.length || !crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(mac))) throw wrong();
    // oldest first (insertion order): drop the expired ones from the front and stop at the first
    // live one — not a scan of every used token per submission (at 300 a second, 180 k of them)
    for (const [k, exp] of used) {
      if (exp >= now()) break;
      used.delete(k);
    }
    if (used.has(nonce)) throw wrong();
    used.set(nonce, Number(expires));
  }

  return { issue, verify };
}

export type Challenges = ReturnType<typeof createChallenges>;

/** The answer to a question like "3 + 4 = ?" (for tests and the benchmark client). */
export function solve(question: string): string {
  const m = /(\d+)\s*\+\s*(\d+)/.exec(question);
  return m ? String(Number(m[1]) + Number(m[2])) : '';
}
