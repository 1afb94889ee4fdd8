import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { birthDateOf, checkCharacter, maskIdNumber, maskPhone, validateIdNumber, validatePhone } from './id-number.js';

describe('GB 11643 ID numbers', () => {
  it('accepts a number with the right check character', () => {
    // the standard's own example
    expect(validateIdNumber('11010519491231002X')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(validateIdNumber(' 11010519491231002x ')).toEqual({ ok: true, value: '11010519491231002X' });
  });

  it('names what is wrong', () => {
    expect(validateIdNumber('110105194912310021')).toEqual({ ok: false, problem: 'check_digit' });
    expect(validateIdNumber('11010519491331002X')).toEqual({ ok: false, problem: 'birth_date' });
    expect(validateIdNumber('1101051949123100')).toEqual({ ok: false, problem: 'format' });
    expect(validateIdNumber('11010519490230002X').ok).toBe(false); // 30 February
  });

  it('detects every single-digit change (property)', () => {
    const valid = fc
      .tuple(fc.integer({ min: 110000, max: 659999 }), fc.date({ min: new Date('1920-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }))
      .map(([region, date, seq]) => {
        const first17 = `${region}${date.toISOString().slice(0, 10).replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
        return first17 + checkCharacter(first17);
      });
    fc.assert(
      fc.property(valid, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (id, pos, delta) => {
        expect(validateIdNumber(id).ok).toBe(true);
        const changed = id.slice(0, pos) + ((Number(id[pos]) + delta) % 10) + id.slice(pos + 1);
        expect(validateIdNumber(changed).ok).toBe(false);
      }),
    );
  });

  it('reads the birth date and masks all but region and last four', () => {
    expect(birthDateOf('11010519491231002X')).toBe('1949-12-31');
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });

  it('validates and masks phones', () => {
    expect(validatePhone('139 1234 5678')).toBe('13912345678');
    expect(validatePhone('12345')).toBeUndefined();
    expect(maskPhone('13912345678')).toBe('139****5678');
  });
});
