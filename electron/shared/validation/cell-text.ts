import type { ColumnDef } from '../region-template';
import { splitMultiselect } from './index';
import { toHalfWidth } from './sanitize';
import { normalizeDate, normalizeYearMonth } from './values';
import { normalizeIdCard } from './idcard';
import { normalizePhone } from './phone';
import { normalizeUscc } from './uscc';

/**
 * What text typed or pasted into a column of a given type means as a stored value: spelling variants
 * folded (full-width digits, stray spaces, 是/Y/√, 「B.化工」 for option B, 「2020年5月」 for 2020-05), and
 * values kept as people wrote them wherever that is meaningful. Excel import and pasting into the grid
 * both go through here, so the two never disagree about the same text.
 */

const cjk = '\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef';
const spaceBeforeCjk = new RegExp(`\\s+(?=[${cjk}])`, 'g');
const spaceAfterCjk = new RegExp(`(?<=[${cjk}])\\s+`, 'g');

const spaceOrZeroWidth = /[\s\u200b]/;

/** One-line text: no line breaks, single spaces, none next to a Chinese character (「新疆 天衡 公司」). */
export function cleanLine(text: string): string {
  // Text without any white space (\s holds U+3000, U+00A0 and U+FEFF) or U+200B is clean as it is.
  if (!spaceOrZeroWidth.test(text)) return text;
  return text
    .replace(/[\u3000\u00a0\u200b\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(spaceBeforeCjk, '')
    .replace(spaceAfterCjk, '')
    .trim();
}

export function foldForMatch(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, '').toLowerCase();
}

/** The folded names of each option, kept per options list: a column's options are the same for every row. */
const namesOfOptions = new WeakMap<string[], { labels: Record<string, string> | undefined; names: string[][] }>();

function optionNames(options: string[], labels: Record<string, string> | undefined): string[][] {
  const cached = namesOfOptions.get(options);
  if (cached && cached.labels === labels) return cached.names;
  const names = options.map((option) => {
    const label = labels?.[option];
    const words = label ? label.replace(/^[A-Za-z0-9]+[.、．:：\s]+/, '') : undefined;
    return [option, label, words].filter((name): name is string => !!name).map(foldForMatch);
  });
  namesOfOptions.set(options, { labels, names });
  return names;
}

/**
 * The option a typed value means: the option itself in any width or spacing, its label where options are
 * codes (技术领域 'A' shown as 'A.新能源'), the label's words without the code (新能源 → A), or an option it
 * starts (核心层 → 核心层单位, 国家 → 国家级). Only an unambiguous answer counts; otherwise the value is
 * returned as typed, and validation says it is not an option.
 */
export function matchOption(value: string, options: string[], labels?: Record<string, string>): string {
  const typed = foldForMatch(value);
  if (typed === '') return '';
  const names = optionNames(options, labels);
  const exact = options.filter((_, i) => names[i].includes(typed));
  if (exact.length === 1) return exact[0];
  if ([...typed].length >= 2) {
    const starts = options.filter((_, i) => names[i].some((name) => name.startsWith(typed)));
    if (starts.length === 1) return starts[0];
  }
  return value.trim();
}

/** How an option is shown in a sheet: its label where the stored value is a code. */
export function optionLabel(column: ColumnDef, value: string): string {
  return column.optionLabels?.[value] ?? value;
}

const yesWords = ['是', 'y', 'yes', 'true', '√', '✓', '✔', '1', '对', '有'];
const noWords = ['否', 'n', 'no', 'false', '×', '✗', '✘', 'x', '0', '不是', '无'];

function booleanWord(text: string): string {
  const folded = foldForMatch(text);
  if (yesWords.includes(folded)) return '是';
  if (noWords.includes(folded)) return '否';
  return text.trim();
}

/** Units people add after numbers (56岁, 120万元) that the column already states. */
function withoutUnit(column: ColumnDef, text: string): string {
  const units = [column.unit, column.type === 'age' ? '岁' : undefined].filter((unit): unit is string => !!unit);
  for (const unit of units) if (text.endsWith(unit)) return text.slice(0, -unit.length).trim();
  return text;
}

/** The value of a text cell for a column, before validation: the spelling variants folded. */
export function fromText(column: ColumnDef, raw: string): string {
  switch (column.type) {
    case 'longtext':
      return raw.replace(/\r\n?/g, '\n').trim();
    case 'text':
      return cleanLine(raw);
    case 'uscc':
      return normalizeUscc(raw);
    case 'idcard':
      return normalizeIdCard(raw);
    case 'phone':
      return normalizePhone(raw);
    case 'integer':
    case 'money':
    case 'age':
      return withoutUnit(column, toHalfWidth(raw).replace(/\s+/g, ''));
    case 'date':
      return normalizeDate(raw) ?? cleanLine(toHalfWidth(raw));
    case 'yearMonth':
      return normalizeYearMonth(raw) ?? cleanLine(toHalfWidth(raw));
    case 'select':
      return matchOption(raw, column.options ?? [], column.optionLabels);
    case 'multiselect':
      return splitMultiselect(toHalfWidth(raw).replace(/[，、;；/\n]/g, ','))
        .map((item) => matchOption(item, column.options ?? [], column.optionLabels))
        .join(',');
    case 'boolean':
      return booleanWord(raw);
    case 'industryCode':
    case 'disciplineCode':
      return toHalfWidth(raw).replace(/\s+/g, '').toUpperCase();
  }
}

