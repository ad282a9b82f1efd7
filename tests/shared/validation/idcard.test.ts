import { describe, expect, it } from 'vitest';
import {
  birthDateFromIdCard,
  checkIdCard,
  checkIdCardAsOf,
  idCardCheckChar,
  normalizeIdCard,
} from '../../../electron/shared/validation/idcard';

/** The GB 11643-1999 check character, written out again so the tests do not trust the code under test. */
function withCheckChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

const today = new Date(2025, 5, 15); // 2025-06-15, local time

describe('checkIdCard', () => {
  it('accepts the standard example and numbers built with the check algorithm', () => {
    expect(checkIdCardAsOf('11010519491231002X', today)).toEqual([]);
    expect(checkIdCardAsOf(withCheckChar('45010219900307123'), today)).toEqual([]);
    expect(checkIdCardAsOf(withCheckChar('65010220000229004'), today)).toEqual([]); // 2000 is a leap year
    expect(withCheckChar('45010219900307123')).toBe('450102199003071238');
  });

  it('accepts a lower-case x, full-width digits and spaces, normalising them', () => {
    expect(normalizeIdCard(' 11010519491231002x ')).toBe('11010519491231002X');
    expect(normalizeIdCard('１１０１０５１９４９１２３１００２Ｘ')).toBe('11010519491231002X');
    expect(checkIdCardAsOf('110105 19491231 002x', today)).toEqual([]);
  });

  it('has nothing to say about an empty value', () => {
    expect(checkIdCardAsOf('', today)).toEqual([]);
  });

  it('checks against the current date when none is given', () => {
    expect(checkIdCard('11010519491231002X')).toEqual([]);
    expect(checkIdCard(withCheckChar('45010221000101123'))[0].code).toBe('idcard.birthDate');
  });

  it('says a 15-digit number is the old format and asks for the 18-digit one', () => {
    expect(checkIdCardAsOf('110105491231002', today)).toEqual([
      { severity: 'error', code: 'idcard.old15', message: '这是旧版15位身份证号，请填写现行的18位身份证号' },
    ]);
  });

  it('rejects other lengths and a letter anywhere but the end', () => {
    expect(checkIdCardAsOf('1101051949123100', today)).toEqual([
      { severity: 'error', code: 'idcard.length', message: '身份证号应为18位，当前为 16 位' },
    ]);
    expect(checkIdCardAsOf('11010519491231002X1', today)[0].code).toBe('idcard.length');
    expect(checkIdCardAsOf('1101051949123100X2', today)).toEqual([
      { severity: 'error', code: 'idcard.format', message: '身份证号前17位应为数字，最后一位为数字或 X' },
    ]);
    expect(checkIdCardAsOf('11010519491231002Y', today)[0].code).toBe('idcard.format');
  });

  it('rejects a wrong check character as an error naming the expected one', () => {
    expect(checkIdCardAsOf('110105194912310021', today)).toEqual([
      { severity: 'error', code: 'idcard.checkDigit', message: '身份证号校验位不符（按前17位应为 X），请核对' },
    ]);
    expect(checkIdCardAsOf('450102199003071239', today)[0].message).toContain('应为 8');
  });

  it('rejects birth dates that do not exist', () => {
    const problems = checkIdCardAsOf(withCheckChar('45010219900230123'), today);
    expect(problems).toEqual([
      { severity: 'error', code: 'idcard.birthDate', message: '身份证号中的出生日期 19900230 不是有效日期' },
    ]);
    expect(checkIdCardAsOf(withCheckChar('65010220010229004'), today)[0].code).toBe('idcard.birthDate');
    expect(checkIdCardAsOf(withCheckChar('45010219901301123'), today)[0].code).toBe('idcard.birthDate');
    expect(checkIdCardAsOf(withCheckChar('45010219900100123'), today)[0].code).toBe('idcard.birthDate');
  });

  it('rejects a birth date after today, accepting today itself', () => {
    expect(checkIdCardAsOf(withCheckChar('45010220250615123'), today)).toEqual([]);
    expect(checkIdCardAsOf(withCheckChar('45010220250616123'), today)).toEqual([
      { severity: 'error', code: 'idcard.birthDate', message: '身份证号中的出生日期 20250616 晚于今天，请核对' },
    ]);
  });

  it('rejects a birth date before 1900, accepting 1900-01-01', () => {
    expect(checkIdCardAsOf(withCheckChar('44052419000101001'), today)).toEqual([]);
    expect(checkIdCardAsOf('440524188001010014', today)).toEqual([
      { severity: 'error', code: 'idcard.birthDate', message: '身份证号中的出生日期 18800101 早于1900年，请核对' },
    ]);
  });

  it('reports a bad date and a bad check character together', () => {
    expect(idCardCheckChar('45010219900230123')).toBe('0');
    const wrongCheck = '450102199002301231';
    expect(checkIdCardAsOf(wrongCheck, today).map((p) => p.code)).toEqual(['idcard.birthDate', 'idcard.checkDigit']);
  });
});

describe('birthDateFromIdCard', () => {
  it('returns the birth date as YYYY-MM-DD', () => {
    expect(birthDateFromIdCard('11010519491231002X')).toBe('1949-12-31');
    expect(birthDateFromIdCard('11010519491231002x')).toBe('1949-12-31');
    expect(birthDateFromIdCard('450102199003071238')).toBe('1990-03-07');
  });

  it('returns null for malformed numbers and impossible dates', () => {
    expect(birthDateFromIdCard('110105491231002')).toBeNull();
    expect(birthDateFromIdCard('450102199002301238')).toBeNull();
    expect(birthDateFromIdCard('')).toBeNull();
  });
});
