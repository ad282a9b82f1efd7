import { describe, expect, it } from 'vitest';
import {
  checkAge,
  checkDate,
  checkInteger,
  checkMoney,
  checkYearMonth,
  normalizeDate,
  normalizeYearMonth,
  parseInteger,
  parseMoney,
} from '../../../electron/shared/validation/values';

describe('normalizeDate / checkDate', () => {
  it.each([
    ['2024-05-01', '2024-05-01'],
    ['2024/05/01', '2024-05-01'],
    ['2024.05.01', '2024-05-01'],
    ['2024-5-1', '2024-05-01'],
    ['2024年5月1日', '2024-05-01'],
    ['2024年05月01日', '2024-05-01'],
    ['2024 年 5 月 1 日', '2024-05-01'],
    ['２０２４－０５－０１', '2024-05-01'],
    ['2024-02-29', '2024-02-29'],
  ])('reads %s as %s', (value, expected) => {
    expect(normalizeDate(value)).toBe(expected);
    expect(checkDate(value)).toEqual([]);
  });

  it('rejects other formats', () => {
    for (const value of ['2024-05', '24-05-01', '20240501', '2024-05/01', '五月一日', '2024年5月']) {
      expect(normalizeDate(value), value).toBeNull();
      expect(checkDate(value), value).toEqual([
        { severity: 'error', code: 'date.format', message: '日期格式不正确，请按 2024-05-01 或 2024年5月1日 的格式填写' },
      ]);
    }
  });

  it('rejects dates that do not exist', () => {
    expect(normalizeDate('2023-02-29')).toBeNull();
    expect(checkDate('2023-02-29')).toEqual([
      { severity: 'error', code: 'date.invalid', message: '2023年2月29日 不是有效日期' },
    ]);
    expect(checkDate('2024-13-01')[0].code).toBe('date.invalid');
    expect(checkDate('2024-04-31')[0].code).toBe('date.invalid');
    expect(checkDate('2024-04-00')[0].code).toBe('date.invalid');
  });

  it('flags years outside 1900–2100 as typing mistakes', () => {
    expect(checkDate('1900-01-01')).toEqual([]);
    expect(checkDate('2100-12-31')).toEqual([]);
    expect(checkDate('1899-12-31')).toEqual([
      { severity: 'error', code: 'date.range', message: '年份 1899 不在 1900–2100 之间，请核对' },
    ]);
    expect(checkDate('2204-05-01')[0].code).toBe('date.range');
  });

  it('has nothing to say about an empty value', () => {
    expect(checkDate(' ')).toEqual([]);
  });
});

describe('normalizeYearMonth / checkYearMonth', () => {
  it.each([
    ['2024-05', '2024-05'],
    ['2024-5', '2024-05'],
    ['2024/05', '2024-05'],
    ['2024.5', '2024-05'],
    ['2024年5月', '2024-05'],
    ['2024年12月', '2024-12'],
    ['2024-05-20', '2024-05'],
    ['2024年5月20日', '2024-05'],
  ])('reads %s as %s', (value, expected) => {
    expect(normalizeYearMonth(value)).toBe(expected);
    expect(checkYearMonth(value)).toEqual([]);
  });

  it('rejects other formats and impossible months', () => {
    expect(checkYearMonth('2024')).toEqual([
      { severity: 'error', code: 'yearMonth.format', message: '年月格式不正确，请按 2024-05 或 2024年5月 的格式填写' },
    ]);
    expect(normalizeYearMonth('五月')).toBeNull();
    expect(checkYearMonth('2024-13')).toEqual([
      { severity: 'error', code: 'yearMonth.invalid', message: '月份 13 不存在，应为 1–12' },
    ]);
    expect(checkYearMonth('2024-00')[0].code).toBe('yearMonth.invalid');
    expect(normalizeYearMonth('2024-13')).toBeNull();
    expect(checkYearMonth('2023-02-30')[0].code).toBe('yearMonth.invalid');
    expect(checkYearMonth('1024-05')[0].code).toBe('yearMonth.range');
  });
});

describe('parseInteger / checkInteger', () => {
  it('reads non-negative whole numbers, full-width digits and thousands separators', () => {
    expect(parseInteger('0')).toBe(0);
    expect(parseInteger('12')).toBe(12);
    expect(parseInteger(' 007 ')).toBe(7);
    expect(parseInteger('１２')).toBe(12);
    expect(parseInteger('1,200')).toBe(1200);
    expect(parseInteger('1，200')).toBe(1200);
    expect(checkInteger('12,345,678')).toEqual([]);
  });

  it('rejects negatives, decimals, units and misplaced separators', () => {
    expect(parseInteger('-3')).toBeNull();
    expect(checkInteger('-3')).toEqual([{ severity: 'error', code: 'integer.negative', message: '此项不能为负数' }]);
    expect(parseInteger('3.5')).toBeNull();
    expect(checkInteger('3.5')).toEqual([
      { severity: 'error', code: 'integer.decimal', message: '此项应为整数，不能有小数' },
    ]);
    expect(checkInteger('12人')).toEqual([
      { severity: 'error', code: 'integer.format', message: '此项应为整数，只填阿拉伯数字（如 12），不带单位' },
    ]);
    expect(parseInteger('1,20')).toBeNull();
    expect(parseInteger('十二')).toBeNull();
    expect(parseInteger('99999999999999999999')).toBeNull();
  });
});

describe('checkAge', () => {
  it('accepts whole numbers from 0 to 120', () => {
    expect(checkAge('0')).toEqual([]);
    expect(checkAge('45')).toEqual([]);
    expect(checkAge('120')).toEqual([]);
  });

  it('rejects ages over 120 and anything not a whole number', () => {
    expect(checkAge('121')).toEqual([{ severity: 'error', code: 'age.range', message: '年龄应在 0–120 之间，当前为 121' }]);
    expect(checkAge('-1')).toEqual([{ severity: 'error', code: 'age.negative', message: '年龄不能为负数' }]);
    expect(checkAge('45.5')[0].code).toBe('age.decimal');
    expect(checkAge('45岁')[0]).toEqual({
      severity: 'error',
      code: 'age.format',
      message: '年龄应为整数，只填阿拉伯数字（如 12），不带单位',
    });
  });
});

describe('parseMoney / checkMoney', () => {
  it('reads non-negative amounts with up to four decimals and optional thousands separators', () => {
    expect(parseMoney('0')).toBe(0);
    expect(parseMoney('1200.5')).toBe(1200.5);
    expect(parseMoney('1,200.5')).toBe(1200.5);
    expect(parseMoney('12,345,678.1234')).toBe(12345678.1234);
    expect(parseMoney('０．５')).toBe(0.5);
    expect(checkMoney('3000.0001')).toEqual([]);
  });

  it('rejects a fifth decimal', () => {
    expect(parseMoney('3000.00001')).toBeNull();
    expect(checkMoney('3000.00001')).toEqual([
      { severity: 'error', code: 'money.decimals', message: '金额最多保留 4 位小数，当前为 5 位' },
    ]);
  });

  it('rejects negatives, units and malformed numbers', () => {
    expect(parseMoney('-5')).toBeNull();
    expect(checkMoney('-5')).toEqual([{ severity: 'error', code: 'money.negative', message: '金额不能为负数' }]);
    const formatProblem = {
      severity: 'error',
      code: 'money.format',
      message: '金额格式不正确：只填数字（如 1200.5），不带单位，千分位逗号可有可无',
    };
    for (const value of ['100万元', '1,20.5', '.5', '5.', '1.2.3', '约100']) {
      expect(parseMoney(value), value).toBeNull();
      expect(checkMoney(value), value).toEqual([formatProblem]);
    }
  });
});
