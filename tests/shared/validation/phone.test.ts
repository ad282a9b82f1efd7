import { describe, expect, it } from 'vitest';
import { checkPhone } from '../../../electron/shared/validation/phone';

const formatMessage =
  '电话号码格式不正确：请填写11位手机号、带区号的固定电话（如 0771-1234567、(010)12345678，分机写作 -123 或 转123）或 400/800 电话';

describe('checkPhone', () => {
  it.each([
    '13812345678',
    '19912345678',
    '14512345678',
    '138 1234 5678',
    '138-1234-5678',
    '+86 138 1234 5678',
    '+8613812345678',
    '8613812345678',
    '86-138-1234-5678',
    '１３８１２３４５６７８',
  ])('accepts the mobile number %s', (value) => {
    expect(checkPhone(value)).toEqual([]);
  });

  it.each([
    '0771-1234567',
    '0771-12345678',
    '010-12345678',
    '02012345678',
    '0991 1234567',
    '(010)12345678',
    '(010) 12345678',
    '（0771）1234567',
    '010 8765 4321',
    '010-8765-4321',
    '0771－1234567',
    '0771-1234567-123',
    '0771-1234567转123',
    '0771-1234567 转 8001',
    '010-12345678 ext123',
    '010-12345678 EXT.12',
    '+86 10 12345678',
    '+86-771-1234567',
  ])('accepts the landline %s', (value) => {
    expect(checkPhone(value)).toEqual([]);
  });

  it.each(['400-123-4567', '4001234567', '400 123 4567', '800-123-4567', '4008-123-456'])(
    'accepts the service number %s',
    (value) => {
      expect(checkPhone(value)).toEqual([]);
    },
  );

  it('accepts several numbers separated by 、 / ; or a comma', () => {
    expect(checkPhone('13812345678、0771-1234567')).toEqual([]);
    expect(checkPhone('13812345678 / 0771-1234567')).toEqual([]);
    expect(checkPhone('13812345678；0771-1234567')).toEqual([]);
  });

  it('has nothing to say about an empty value', () => {
    expect(checkPhone('  ')).toEqual([]);
  });

  it('gives the length of a mobile number with too few or too many digits', () => {
    expect(checkPhone('1381234567')).toEqual([
      { severity: 'error', code: 'phone.mobileLength', message: '手机号码应为11位数字，当前为 10 位' },
    ]);
    expect(checkPhone('138123456789')[0].message).toBe('手机号码应为11位数字，当前为 12 位');
    expect(checkPhone('+86 138123456')[0].message).toBe('手机号码应为11位数字，当前为 9 位');
  });

  it('rejects a mobile number whose second digit is 0–2', () => {
    expect(checkPhone('12812345678')).toEqual([
      { severity: 'error', code: 'phone.mobile', message: '手机号码第二位应为 3–9，请核对' },
    ]);
  });

  it('asks for the area code of a bare local number', () => {
    expect(checkPhone('5888888')).toEqual([
      { severity: 'error', code: 'phone.areaCode', message: '固定电话请加区号，如 0771-1234567' },
    ]);
    expect(checkPhone('87654321')[0].code).toBe('phone.areaCode');
  });

  it('rejects malformed numbers with the general message', () => {
    for (const value of ['abc', '0771-123456', '0771-123456789', '013812345678', '138 12 345 678', '电话待定']) {
      expect(checkPhone(value), value).toEqual([{ severity: 'error', code: 'phone.format', message: formatMessage }]);
    }
  });

  it('names the wrong one of several numbers', () => {
    expect(checkPhone('13812345678/123')).toEqual([
      { severity: 'error', code: 'phone.mobileLength', message: '“123”：手机号码应为11位数字，当前为 3 位' },
    ]);
  });
});
