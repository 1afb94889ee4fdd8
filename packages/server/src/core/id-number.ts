// 公民身份号码 (GB 11643-1999): 17 digits and a check character computed by ISO 7064 MOD 11-2.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export type IdNumberProblem = 'format' | 'birth_date' | 'check_digit';

/** Normalizes (trims, upper-cases x) and validates; answers the problem if any. */
export function validateIdNumber(raw: string): { ok: true; value: string } | { ok: false; problem: IdNumberProblem } {
  const value = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'format' };
  const birth = birthDateOf(value);
  if (!birth) return { ok: false, problem: 'birth_date' };
  if (checkCharacter(value.slice(0, 17)) !== value[17]) return { ok: false, problem: 'check_digit' };
  return { ok: true, value };
}

/** The birth date the number encodes (YYYY-MM-DD), or undefined when it is not a real date. */
export function birthDateOf(idNumber: string): string | undefined {
  const y = Number(idNumber.slice(6, 10));
  const m = Number(idNumber.slice(10, 12));
  const d = Number(idNumber.slice(12, 14));
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/** The gender the number encodes (17th digit odd: male). */
export function genderOf(idNumber: string): 'male' | 'female' {
  return Number(idNumber[16]) % 2 === 1 ? 'male' : 'female';
}

/** 1101**********1234: region prefix and last four stay visible. */
export function maskIdNumber(idNumber: string): string {
  return `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`;
}

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, { zh: string; en: string }> = {
  format: { zh: '身份证号应为18位（最后一位可为X）', en: 'An ID number has 18 characters (the last may be X)' },
  birth_date: { zh: '身份证号中的出生日期无效', en: 'The birth date in the ID number is not a real date' },
  check_digit: { zh: '身份证号校验位错误，请核对', en: 'The ID number check digit is wrong' },
};

/** Mainland mobile numbers: 11 digits starting with 1; landlines with area code also accepted. */
export function validatePhone(raw: string): string | undefined {
  const value = raw.replace(/[\s-]/g, '');
  if (/^1[3-9]\d{9}$/.test(value)) return value;
  if (/^0\d{9,11}$/.test(value)) return value;
  return undefined;
}

export function maskPhone(phone: string): string {
  if (phone.length === 11) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  return `${phone.slice(0, 3)}${'*'.repeat(Math.max(phone.length - 5, 1))}${phone.slice(-2)}`;
}
