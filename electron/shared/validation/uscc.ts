import { errorProblem, warningProblem, type ValueProblem } from './result';
import { toHalfWidth } from './sanitize';

/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters —
 * 登记管理部门码 (1), 机构类别码 (1), 登记管理机关行政区划码 (6), 主体标识码 (9), 校验码 (1).
 */

/** The code's alphabet: digits and capitals without I, O, Z, S, V, which are too easily misread. */
const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const usccLength = 18;

/**
 * Trims, turns full-width characters half-width, upper-cases and drops inner white space, since codes are
 * often copied from licences and PDFs with a stray space or typed with a Chinese input method.
 */
export function normalizeUscc(value: string): string {
  return toHalfWidth(value).replace(/\s+/g, '').toUpperCase();
}

/** The check character for the first 17 characters, or null when they are not 17 characters of the alphabet. */
export function usccCheckChar(first17: string): string | null {
  const body = normalizeUscc(first17);
  if (body.length !== usccLength - 1) return null;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const index = charset.indexOf(body[i]);
    if (index < 0) return null;
    sum += index * weights[i];
  }
  // 31 - (sum mod 31) is 1..31; the standard maps 31 to 0.
  return charset[(31 - (sum % 31)) % 31];
}

export function checkUscc(value: string): ValueProblem[] {
  const code = normalizeUscc(value);
  if (code === '') return [];
  const problems: ValueProblem[] = [];
  if (code.length !== usccLength) {
    problems.push(errorProblem('uscc.length', `统一社会信用代码应为18位，当前为 ${code.length} 位`));
  }
  const bad = [...new Set([...code].filter((ch) => !charset.includes(ch)))];
  if (bad.length > 0) {
    problems.push(
      errorProblem(
        'uscc.charset',
        `统一社会信用代码含有不允许的字符：${bad.join('、')}（只能是数字和除 I、O、Z、S、V 以外的大写字母）`,
      ),
    );
  }
  if (problems.length > 0) return problems;

  const expected = usccCheckChar(code.slice(0, usccLength - 1));
  if (expected !== null && expected !== code[usccLength - 1]) {
    // A warning, not an error: codes with a wrong check character were issued and are in use.
    problems.push(
      warningProblem('uscc.checkChar', `统一社会信用代码校验位不符（应为 ${expected}），请核对；如确认无误可保留`),
    );
  }
  return problems;
}

/**
 * Characters 3–8: the six-digit GB/T 2260 division code of the registering authority, from which the
 * unit's 注册地 is derived. Null unless the code is 18 characters long and those six are digits.
 */
export function usccDivisionCode(value: string): string | null {
  const code = normalizeUscc(value);
  if (code.length !== usccLength) return null;
  const division = code.slice(2, 8);
  return /^\d{6}$/.test(division) ? division : null;
}
