import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, generatePassword, hashPassword, verifyPassword } from './password.js';

describe('password policy', () => {
  it('asks for 12 characters and 3 of 4 classes, and refuses common ones', () => {
    expect(checkPasswordPolicy('Ab1!')?.zh).toBe('密码至少 12 位');
    expect(checkPasswordPolicy('abcdefghijkl')?.zh).toContain('至少三类');
    expect(checkPasswordPolicy('Password1234')?.zh).toContain('常见');
    expect(checkPasswordPolicy('Wuli-Town#2026', 'wuli')?.zh).toBe('密码不能包含用户名');
    expect(checkPasswordPolicy('Village-Branch#2026')).toBeUndefined();
  });

  it('hashes with scrypt and verifies', async () => {
    const hash = await hashPassword('Village-Branch#2026');
    expect(hash).toMatch(/^scrypt\$/);
    expect(await verifyPassword('Village-Branch#2026', hash)).toBe(true);
    expect(await verifyPassword('Village-Branch#2027', hash)).toBe(false);
  });

  it('generates passwords that satisfy the policy', () => {
    for (let i = 0; i < 50; i++) expect(checkPasswordPolicy(generatePassword())).toBeUndefined();
  });
});
