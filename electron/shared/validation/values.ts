import { errorProblem, type ValueProblem } from './result';
import { toHalfWidth } from './sanitize';

/**
 * Dates, counts, ages and amounts. Values stay the strings the user typed; these functions read the
 * common ways of writing them (full-width digits, 2024年5月1日, 1,200.50) and say what is wrong in Chinese.
 */

/** Dates outside these years are taken for typing mistakes (0224, 2204). */
const minYear = 1900;
const maxYear = 2100;

function clean(value: string): string {
  return toHalfWidth(value).replace(/\s+/g, '');
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** Reads YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD (one- or two-digit month and day) and YYYY年M月D日. */
function readDate(value: string): DateParts | null {
  const match =
    /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(value) ?? /^(\d{4})(年)(\d{1,2})月(\d{1,2})日?$/.exec(value);
  if (!match) return null;
  return { year: Number(match[1]), month: Number(match[3]), day: Number(match[4]) };
}

/** YYYY-MM-DD for a real calendar date written in one of the accepted ways, otherwise null. */
export function normalizeDate(value: string): string | null {
  const parts = readDate(clean(value));
  if (!parts || !isRealDate(parts.year, parts.month, parts.day)) return null;
  return `${parts.year}-${pad2(parts.month)}-${pad2(parts.day)}`;
}

export function checkDate(value: string): ValueProblem[] {
  const text = clean(value);
  if (text === '') return [];
  const parts = readDate(text);
  if (!parts) {
    return [errorProblem('date.format', '日期格式不正确，请按 2024-05-01 或 2024年5月1日 的格式填写')];
  }
  if (!isRealDate(parts.year, parts.month, parts.day)) {
    return [errorProblem('date.invalid', `${parts.year}年${parts.month}月${parts.day}日 不是有效日期`)];
  }
  if (parts.year < minYear || parts.year > maxYear) {
    return [errorProblem('date.range', `年份 ${parts.year} 不在 ${minYear}–${maxYear} 之间，请核对`)];
  }
  return [];
}

/** Reads YYYY-MM, YYYY/MM, YYYY.MM, YYYY年M月, or a full date (whose day is dropped). */
function readYearMonth(value: string): { year: number; month: number; validDay: boolean } | null {
  const date = readDate(value);
  if (date) return { year: date.year, month: date.month, validDay: isRealDate(date.year, date.month, date.day) };
  const match = /^(\d{4})[-/.](\d{1,2})$/.exec(value) ?? /^(\d{4})年(\d{1,2})月?$/.exec(value);
  if (!match) return null;
  return { year: Number(match[1]), month: Number(match[2]), validDay: true };
}

/** YYYY-MM, or null when the value is not a year and month (or a real date). */
export function normalizeYearMonth(value: string): string | null {
  const parts = readYearMonth(clean(value));
  if (!parts || !parts.validDay || parts.month < 1 || parts.month > 12) return null;
  return `${parts.year}-${pad2(parts.month)}`;
}

export function checkYearMonth(value: string): ValueProblem[] {
  const text = clean(value);
  if (text === '') return [];
  const parts = readYearMonth(text);
  if (!parts) {
    return [errorProblem('yearMonth.format', '年月格式不正确，请按 2024-05 或 2024年5月 的格式填写')];
  }
  if (parts.month < 1 || parts.month > 12) {
    return [errorProblem('yearMonth.invalid', `月份 ${parts.month} 不存在，应为 1–12`)];
  }
  if (!parts.validDay) {
    return [errorProblem('yearMonth.invalid', `${text} 不是有效日期`)];
  }
  if (parts.year < minYear || parts.year > maxYear) {
    return [errorProblem('yearMonth.range', `年份 ${parts.year} 不在 ${minYear}–${maxYear} 之间，请核对`)];
  }
  return [];
}

/** Digits with correctly placed thousands separators (1,200 or 12,345,678), or plain digits. */
const groupedDigits = /^(?:\d{1,3}(?:,\d{3})+|\d+)$/;

/** A non-negative whole number (full-width digits and thousands separators accepted), otherwise null. */
export function parseInteger(value: string): number | null {
  const text = clean(value);
  if (!groupedDigits.test(text)) return null;
  const n = Number(text.replace(/,/g, ''));
  return Number.isSafeInteger(n) ? n : null;
}

/** Why a value that parseInteger rejects is not a count; `what` names the field kind in the message. */
function integerProblem(text: string, what: string, codePrefix: string): ValueProblem {
  if (/^-\d/.test(text)) return errorProblem(`${codePrefix}.negative`, `${what}不能为负数`);
  if (/^[\d,]*\.\d+$/.test(text)) return errorProblem(`${codePrefix}.decimal`, `${what}应为整数，不能有小数`);
  return errorProblem(`${codePrefix}.format`, `${what}应为整数，只填阿拉伯数字（如 12），不带单位`);
}

export function checkInteger(value: string): ValueProblem[] {
  const text = clean(value);
  if (text === '' || parseInteger(text) !== null) return [];
  return [integerProblem(text, '此项', 'integer')];
}

export function checkAge(value: string): ValueProblem[] {
  const text = clean(value);
  if (text === '') return [];
  const age = parseInteger(text);
  if (age === null) return [integerProblem(text, '年龄', 'age')];
  if (age > 120) return [errorProblem('age.range', `年龄应在 0–120 之间，当前为 ${age}`)];
  return [];
}

const maxMoneyDecimals = 4;

/**
 * A non-negative amount (万元) with at most four decimals — the forms give 万元 to 0.0001, i.e. to the
 * yuan — written with or without thousands separators; otherwise null.
 */
export function parseMoney(value: string): number | null {
  const text = clean(value);
  const match = /^([\d,]+)(?:\.(\d+))?$/.exec(text);
  if (!match || !groupedDigits.test(match[1])) return null;
  if (match[2] !== undefined && match[2].length > maxMoneyDecimals) return null;
  const n = Number(text.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

export function checkMoney(value: string): ValueProblem[] {
  const text = clean(value);
  if (text === '' || parseMoney(text) !== null) return [];
  if (/^-[\d,]*\.?\d/.test(text)) return [errorProblem('money.negative', '金额不能为负数')];
  const decimal = /^[\d,]+\.(\d+)$/.exec(text);
  if (decimal && groupedDigits.test(text.split('.')[0]) && decimal[1].length > maxMoneyDecimals) {
    return [errorProblem('money.decimals', `金额最多保留 ${maxMoneyDecimals} 位小数，当前为 ${decimal[1].length} 位`)];
  }
  return [errorProblem('money.format', '金额格式不正确：只填数字（如 1200.5），不带单位，千分位逗号可有可无')];
}
