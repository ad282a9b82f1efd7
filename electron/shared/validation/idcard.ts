import { errorProblem, type ValueProblem } from './result';
import { toHalfWidth } from './sanitize';

/**
 * 公民身份号码 (resident identity card number), GB 11643-1999: 6-digit address code, 8-digit birth date
 * YYYYMMDD, 3-digit sequence number and a check character (0–9 or X).
 */

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkChars = '10X98765432';

/** Trims, turns full-width characters half-width, drops inner spaces and upper-cases a final x. */
export function normalizeIdCard(value: string): string {
  return toHalfWidth(value).replace(/\s+/g, '').toUpperCase();
}

/** The check character for the first 17 digits, or null when they are not 17 digits. */
export function idCardCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i];
  return checkChars[sum % 11];
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** Today in the user's time zone as YYYY-MM-DD, the form a birth date is compared in. */
function localIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The birth date as YYYY-MM-DD, or null when the value is not 17 digits + digit/X or the date is not real. */
export function birthDateFromIdCard(value: string): string | null {
  const id = normalizeIdCard(value);
  if (!/^\d{17}[\dX]$/.test(id)) return null;
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (!isRealDate(year, month, day)) return null;
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

export function checkIdCard(value: string): ValueProblem[] {
  return checkIdCardAsOf(value, new Date());
}

/**
 * checkIdCard with the date a birth date may not be after given explicitly, so that tests do not depend
 * on the clock. A separate function rather than an optional parameter, so that checkIdCard stays safe to
 * pass to Array.prototype.map.
 */
export function checkIdCardAsOf(value: string, today: Date): ValueProblem[] {
  const id = normalizeIdCard(value);
  if (id === '') return [];
  if (/^\d{15}$/.test(id)) {
    return [errorProblem('idcard.old15', '这是旧版15位身份证号，请填写现行的18位身份证号')];
  }
  if (id.length !== 18) {
    return [errorProblem('idcard.length', `身份证号应为18位，当前为 ${id.length} 位`)];
  }
  if (!/^\d{17}[\dX]$/.test(id)) {
    return [errorProblem('idcard.format', '身份证号前17位应为数字，最后一位为数字或 X')];
  }

  const problems: ValueProblem[] = [];
  const birthDigits = id.slice(6, 14);
  const birthDate = birthDateFromIdCard(id);
  if (birthDate === null) {
    problems.push(errorProblem('idcard.birthDate', `身份证号中的出生日期 ${birthDigits} 不是有效日期`));
  } else if (birthDate < '1900-01-01') {
    problems.push(errorProblem('idcard.birthDate', `身份证号中的出生日期 ${birthDigits} 早于1900年，请核对`));
  } else if (birthDate > localIsoDate(today)) {
    problems.push(errorProblem('idcard.birthDate', `身份证号中的出生日期 ${birthDigits} 晚于今天，请核对`));
  }

  const expected = idCardCheckChar(id.slice(0, 17));
  if (expected !== null && expected !== id[17]) {
    problems.push(errorProblem('idcard.checkDigit', `身份证号校验位不符（按前17位应为 ${expected}），请核对`));
  }
  return problems;
}
