import { errorProblem, type ValueProblem } from './result';
import { toHalfWidth } from './sanitize';

/**
 * Mainland China phone numbers as people write them on forms:
 * - mobile: 1[3-9] + 9 digits, optionally after +86 / 86 / 0086, optionally grouped 3-4-4 by spaces or
 *   dashes: 13812345678, +86 138 1234 5678, 138-1234-5678;
 * - landline: area code 0 + 2–3 digits, then 7–8 digits, separated by '-', a space or parentheses, with
 *   an optional extension: 0771-1234567, (010)12345678, 010 8765 4321, 0771-1234567-123, 0771-1234567转123,
 *   010-12345678 ext123; +86 10 12345678 is accepted too;
 * - 400 / 800 service numbers: 400-123-4567, 8001234567.
 * Several numbers may be given, separated by 、 / ; or a comma (联系电话 often holds a mobile and a desk phone).
 */

const extension = String.raw`(?:\s?(?:-|转|分机|ext\.?|x)\s?\d{1,6})?`;
const mobilePattern = /^(?:(?:\+|00)?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}$/;
// Mainland area codes are 010, 02x and 0 + three digits from 3xx to 9xx; being this exact keeps a
// mobile number typed with a leading 0 (013812345678) from passing as a landline.
const areaCode = String.raw`(?:10|2\d|[3-9]\d{2})`;
const landlinePattern = new RegExp(
  String.raw`^(?:\(0${areaCode}\)\s?|0${areaCode}[\s-]?|(?:\+|00)86[\s-]?(?:\(0?${areaCode}\)|0?${areaCode})[\s-]?)` +
    String.raw`(?:\d{7,8}|\d{3,4}[\s-]\d{4})` +
    extension +
    '$',
  'i',
);
const serviceNumberPattern = new RegExp(String.raw`^[48]00(?:[\s-]?\d){7}` + extension + '$', 'i');

const formatMessage =
  '电话号码格式不正确：请填写11位手机号、带区号的固定电话（如 0771-1234567、(010)12345678，分机写作 -123 或 转123）或 400/800 电话';

const plainPhone = /^[0-9()+-]*$/;
const separators = /[、/;,]/;

/** Half-width digits and brackets, one kind of dash, single spaces. */
export function normalizePhone(value: string): string {
  // Digits, brackets, + and - without spaces: every step below would give the value back unchanged.
  if (plainPhone.test(value)) return value;
  return toHalfWidth(value)
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/\s*([()-])\s*/g, '$1')
    .trim();
}

export function isValidPhoneNumber(single: string): boolean {
  return mobilePattern.test(single) || landlinePattern.test(single) || serviceNumberPattern.test(single);
}

/** Why a single number is wrong, as specific as its shape allows. */
function diagnose(single: string): ValueProblem {
  if (/^[\d\s()+-]+$/.test(single)) {
    const withoutCountry = single.replace(/^(?:\+|00)86[\s-]?/, '');
    let national = withoutCountry.replace(/\D/g, '');
    // A bare 86 is a country code only when what follows is a mobile number.
    if (withoutCountry === single && /^86[\s-]?1/.test(single) && national.length > 11) national = national.slice(2);
    // Seven or eight digits are a landline typed without its area code, even when they start with 1,
    // rather than a mobile number missing three or four digits.
    if (/^[1-9]/.test(national) && (national.length === 7 || national.length === 8)) {
      return errorProblem('phone.areaCode', '固定电话请加区号，如 0771-1234567');
    }
    if (national.startsWith('1')) {
      if (national.length !== 11) {
        return errorProblem('phone.mobileLength', `手机号码应为11位数字，当前为 ${national.length} 位`);
      }
      if (!/^1[3-9]/.test(national)) {
        return errorProblem('phone.mobile', '手机号码第二位应为 3–9，请核对');
      }
    }
  }
  return errorProblem('phone.format', formatMessage);
}

export function checkPhone(value: string): ValueProblem[] {
  const normalized = normalizePhone(value);
  if (normalized === '') return [];
  // One number (no separator): normalizePhone has trimmed it already.
  const parts = !separators.test(normalized)
    ? [normalized]
    : normalized
        .split(/\s*[、/;,]\s*/)
        .map((part) => part.trim())
        .filter((part) => part !== '');
  const problems: ValueProblem[] = [];
  for (const part of parts) {
    if (isValidPhoneNumber(part)) continue;
    const problem = diagnose(part);
    // With several numbers, say which one is wrong.
    problems.push(parts.length > 1 ? { ...problem, message: `“${part}”：${problem.message}` } : problem);
  }
  return problems;
}
