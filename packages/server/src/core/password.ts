// Login passwords: ≥ 12 characters, 3 of 4 character classes, not a common password; scrypt.
import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

const PARAMS = { N: 16384, r: 8, p: 1 };
const KEYLEN = 32;

// The most common passwords and the patterns Chinese users favour (lower-cased comparison).
const COMMON = new Set([
  'password1234', 'password123!', 'p@ssw0rd1234', 'qwerty123456', 'qwertyuiop12', '123456789012',
  'abc123456789', 'admin1234567', 'admin@123456', 'iloveyou1234', 'woaini1314520', 'a123456789012',
  'aa1234567890', 'qq1234567890', '1qaz2wsx3edc', '1qaz@wsx3edc', 'zxcvbnm12345', 'abcd1234abcd',
  'passw0rd1234', 'welcome12345', 'changeme1234', 'lianxin12345', 'lianxin@1234', 'admin@1234567',
  'p@ssword1234', 'qwer1234qwer', 'asdf1234asdf', 'huawei@12345', 'root@1234567', 'test12345678',
]);

export type PasswordProblem = { zh: string; en: string };

export function checkPasswordPolicy(password: string, username?: string): PasswordProblem | undefined {
  if (password.length < 12) return { zh: '密码至少 12 位', en: 'A password has at least 12 characters' };
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length;
  if (classes < 3)
    return {
      zh: '密码须包含大写字母、小写字母、数字、符号中的至少三类',
      en: 'A password uses at least three of: upper case, lower case, digits, symbols',
    };
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || /^(.)\1+$/.test(password))
    return { zh: '该密码过于常见，请换一个', en: 'This password is too common' };
  if (username && lower.includes(username.toLowerCase()))
    return { zh: '密码不能包含用户名', en: 'A password may not contain the username' };
  return undefined;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return crypto.timingSafeEqual(actual, expected);
}

/** A random password that satisfies the policy (for first start and demo accounts). */
export function generatePassword(): string {
  const pick = (chars: string) => chars[crypto.randomInt(chars.length)]!;
  const parts = [
    pick('ABCDEFGHJKLMNPQRSTUVWXYZ'),
    pick('abcdefghijkmnopqrstuvwxyz'),
    pick('23456789'),
    pick('!@#%+='),
  ];
  const all = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  while (parts.length < 16) parts.push(pick(all));
  return parts.join('');
}
