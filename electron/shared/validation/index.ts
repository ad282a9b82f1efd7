import type { ValueType } from '../region-template';
import { checkIdCard } from './idcard';
import { checkPhone } from './phone';
import { errorProblem, warningProblem, type ValueProblem } from './result';
import { hasXmlInvalid, toHalfWidth } from './sanitize';
import { checkUscc } from './uscc';
import { checkAge, checkDate, checkInteger, checkMoney, checkYearMonth } from './values';
import { checkMaxChars } from './word-count';

export * from './result';
export * from './sanitize';
export * from './uscc';
export * from './idcard';
export * from './phone';
export * from './word-count';
export * from './values';

/** What a field or column definition says about its value (see FieldDef / ColumnDef). */
export interface ValidateOptions {
  required?: boolean;
  maxChars?: number;
  options?: string[];
  maxItems?: number;
}

const yesNo = ['是', '否'];

/** Splits a multiselect value, stored as options joined by ','; blanks around commas do not matter. */
export function splitMultiselect(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function checkText(value: string, maxChars: number | undefined): ValueProblem[] {
  const problems = maxChars === undefined ? [] : checkMaxChars(value, maxChars);
  if (hasXmlInvalid(value)) {
    // Usually pasted from a PDF; the exporters strip these characters, so the user only needs to know.
    problems.push(warningProblem('text.invalidChars', '含有无法写入 Word 文档的不可见控制字符，导出时将自动删除'));
  }
  return problems;
}

function checkSelect(value: string, options: string[] | undefined): ValueProblem[] {
  const choice = value.trim();
  if (!options || options.length === 0 || options.includes(choice)) return [];
  return [errorProblem('select.notOption', `“${choice}”不是可选项，请从以下选项中选择：${options.join('、')}`)];
}

function checkMultiselect(value: string, options: string[] | undefined, maxItems: number | undefined): ValueProblem[] {
  const chosen = [...new Set(splitMultiselect(value))];
  const problems: ValueProblem[] = [];
  if (options && options.length > 0) {
    const unknown = chosen.filter((item) => !options.includes(item));
    if (unknown.length > 0) {
      problems.push(
        errorProblem('multiselect.notOption', `${unknown.map((item) => `“${item}”`).join('、')}不是可选项，请从选项中选择`),
      );
    }
  }
  if (maxItems !== undefined && chosen.length > maxItems) {
    problems.push(errorProblem('multiselect.tooMany', `最多选择 ${maxItems} 项，当前已选 ${chosen.length} 项`));
  }
  return problems;
}

/** GB/T 4754-2017 行业类别: a section letter A–T, or a 2-, 3- or 4-digit division/group/class code. */
function checkIndustryCode(value: string): ValueProblem[] {
  const code = toHalfWidth(value).trim().toUpperCase();
  if (/^[A-T]$/.test(code) || /^\d{2,4}$/.test(code)) return [];
  return [errorProblem('industryCode.format', '行业代码格式不正确：应为门类字母 A–T，或2–4位数字代码（GB/T 4754-2017）')];
}

/** GB/T 13745-2009 学科分类与代码: 3 digits (一级), 5 digits (二级) or 7 digits (三级). */
function checkDisciplineCode(value: string): ValueProblem[] {
  const code = toHalfWidth(value).trim();
  if (/^\d{3}(?:\d{2}){0,2}$/.test(code)) return [];
  return [errorProblem('disciplineCode.format', '学科代码格式不正确：应为3位、5位或7位数字（GB/T 13745-2009）')];
}

/**
 * Checks one value of the given type. An empty value is a problem only when the field is required; every
 * other check applies to what was typed. Problems are listed in the order the user should fix them.
 */
export function validateValue(type: ValueType, value: string, opts: ValidateOptions = {}): ValueProblem[] {
  // ',' alone is an empty multiselect: nothing was chosen.
  const empty = type === 'multiselect' ? splitMultiselect(value).length === 0 : value.trim() === '';
  if (empty) {
    return opts.required ? [errorProblem('required', '此项为必填，请填写')] : [];
  }
  switch (type) {
    case 'text':
    case 'longtext':
      return checkText(value, opts.maxChars);
    case 'date':
      return checkDate(value);
    case 'yearMonth':
      return checkYearMonth(value);
    case 'integer':
      return checkInteger(value);
    case 'money':
      return checkMoney(value);
    case 'age':
      return checkAge(value);
    case 'phone':
      return checkPhone(value);
    case 'idcard':
      return checkIdCard(value);
    case 'uscc':
      return checkUscc(value);
    case 'select':
      return checkSelect(value, opts.options);
    case 'multiselect':
      return checkMultiselect(value, opts.options, opts.maxItems);
    case 'boolean':
      return yesNo.includes(value.trim()) ? [] : [errorProblem('boolean.format', '请填写“是”或“否”')];
    case 'industryCode':
      return checkIndustryCode(value);
    case 'disciplineCode':
      return checkDisciplineCode(value);
  }
}
