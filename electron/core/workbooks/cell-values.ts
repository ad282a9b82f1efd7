import type { ColumnDef } from '../../shared/region-template';
import { normalizeDate, normalizeYearMonth, validateValue, type ValidateOptions, type ValueProblem } from '../../shared/validation';
import { fromText } from '../../shared/validation/cell-text';

// The text rules moved to shared so the grid's paste uses them too; kept importable from here.
export { cleanLine, fromText, matchOption, optionLabel } from '../../shared/validation/cell-text';

/**
 * Turning what exceljs returns for a cell — text, numbers, dates, booleans, rich text, hyperlinks,
 * formulas with their cached results, error values — into the string the draft keeps for a column of a
 * given type, and saying what is wrong with it. Values stay as people typed them wherever that is
 * meaningful; only spelling variants (full-width digits, stray spaces, 是/Y/√) are folded.
 */

export type RawCell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; value: Date }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'error'; error: string };

const empty: RawCell = { kind: 'empty' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Any exceljs cell value, including nested forms (a hyperlink whose text is rich text), as one RawCell. */
export function readCellValue(value: unknown): RawCell {
  if (value === null || value === undefined) return empty;
  if (typeof value === 'string') return value === '' ? empty : { kind: 'text', text: value };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'error', error: '#NUM!' };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: 'error', error: '#VALUE!' } : { kind: 'date', value };
  if (!isRecord(value)) return empty;
  if (Array.isArray(value.richText)) {
    const text = value.richText.map((run: unknown) => (isRecord(run) && typeof run.text === 'string' ? run.text : '')).join('');
    return text === '' ? empty : { kind: 'text', text };
  }
  if ('hyperlink' in value) {
    const shown = readCellValue(value.text);
    if (shown.kind !== 'empty') return shown;
    return typeof value.hyperlink === 'string' && value.hyperlink !== ''
      ? { kind: 'text', text: value.hyperlink.replace(/^mailto:/i, '') }
      : empty;
  }
  // A formula counts as the result Excel last calculated and saved; we never evaluate formulas.
  if ('formula' in value || 'sharedFormula' in value) return readCellValue(value.result);
  if (typeof value.error === 'string') return { kind: 'error', error: value.error };
  if ('text' in value) return readCellValue(value.text);
  return empty;
}

/** A number as people read it: no float noise (0.1 + 0.2), no exponent for whole numbers. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
  return String(Number(value.toPrecision(15)));
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** exceljs gives dates as UTC midnight of the day shown in Excel. */
function isoDate(date: Date): string {
  return `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
}

export interface ColumnValue {
  value: string;
  problems: ValueProblem[];
}

const codeTypes = new Set(['uscc', 'idcard']);
const typeNames: Record<string, string> = { uscc: '统一社会信用代码', idcard: '身份证号' };

/** A number in a column of codes: Excel kept at most 15 significant digits and no letters. */
function numberInCodeColumn(column: ColumnDef, value: number): ColumnValue {
  const digits = formatNumber(value);
  const what = typeNames[column.type];
  const lost = Math.abs(value) >= 1e15;
  return {
    value: digits,
    problems: [
      {
        severity: 'error',
        code: `${column.type}.storedAsNumber`,
        message: lost
          ? `${what}在 Excel 中被存成了数字，只保留了前 15 位，后面的数字和末位字母（如 X）已丢失（读到 ${digits}）。请把该列设置为“文本”格式，重新输入完整的${what}`
          : `${what}在 Excel 中被存成了数字（读到 ${digits}），开头的 0 和字母可能已丢失。请把该列设置为“文本”格式后重新输入`,
      },
    ],
  };
}

/** The value of a number cell for a column, before validation. */
function fromNumber(column: ColumnDef, value: number): ColumnValue {
  if (codeTypes.has(column.type)) return numberInCodeColumn(column, value);
  const text = formatNumber(value);
  switch (column.type) {
    case 'boolean':
      return { value: value === 1 ? '是' : value === 0 ? '否' : text, problems: [] };
    case 'phone':
      // A mobile number survives as a number; a landline loses its leading 0 (0991… → 991…).
      if (/^1[3-9]\d{9}$/.test(text)) return { value: text, problems: [] };
      return {
        value: text,
        problems: [
          {
            severity: 'error',
            code: 'phone.storedAsNumber',
            message: `电话号码在 Excel 中被存成了数字（读到 ${text}），区号开头的 0 已丢失。请把该列设置为“文本”格式后重新输入，如 0991-1234567`,
          },
        ],
      };
    case 'date':
      // 20240501 typed without separators.
      return { value: /^\d{8}$/.test(text) ? (normalizeDate(`${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}`) ?? text) : text, problems: [] };
    case 'yearMonth': {
      if (/^\d{6}$/.test(text)) return { value: normalizeYearMonth(`${text.slice(0, 4)}-${text.slice(4)}`) ?? text, problems: [] };
      const month = /^(\d{4})\.(\d)$/.exec(text);
      if (month) {
        // 2017.10 typed as a number is read back as 2017.1.
        return {
          value: `${month[1]}-0${month[2]}`,
          problems: [
            {
              severity: 'warning',
              code: 'yearMonth.numberAmbiguous',
              message: `读作 ${month[1]}年${month[2]}月；如实为 ${month[1]}年${month[2]}0月，请把单元格设为“文本”后填写 ${month[1]}.${month[2]}0`,
            },
          ],
        };
      }
      return { value: normalizeYearMonth(text) ?? text, problems: [] };
    }
    case 'select':
    case 'multiselect':
      return { value: fromText(column, text), problems: [] };
    default:
      return { value: text, problems: [] };
  }
}

/** The draft's string for one cell of a column, and what is wrong with it. */
export function toColumnValue(column: ColumnDef, cell: RawCell): ColumnValue {
  let converted: ColumnValue;
  switch (cell.kind) {
    case 'empty':
      converted = { value: '', problems: [] };
      break;
    case 'error':
      converted = {
        value: '',
        problems: [{ severity: 'warning', code: 'cell.error', message: `单元格是错误值 ${cell.error}，按空白处理` }],
      };
      break;
    case 'boolean':
      converted = { value: cell.value ? '是' : '否', problems: [] };
      break;
    case 'date':
      converted = {
        value: column.type === 'yearMonth' ? isoDate(cell.value).slice(0, 7) : isoDate(cell.value),
        problems: [],
      };
      break;
    case 'number':
      converted = fromNumber(column, cell.value);
      break;
    case 'text':
      converted = { value: fromText(column, cell.text), problems: [] };
      break;
  }
  if (converted.problems.some((problem) => problem.severity === 'error')) return converted;
  const problems = validateValue(column.type, converted.value, validateOptions(column));
  // Nearly every cell converts without a problem: its validation's list is the answer as it is.
  return { value: converted.value, problems: converted.problems.length === 0 ? problems : [...converted.problems, ...problems] };
}

/** What validateValue is told about a column's values, made once per column rather than for every cell. */
const optionsOf = new WeakMap<ColumnDef, ValidateOptions>();
function validateOptions(column: ColumnDef): ValidateOptions {
  let options = optionsOf.get(column);
  if (options === undefined || options.maxChars !== column.maxChars || options.options !== column.options || options.maxItems !== column.maxItems) {
    options = { maxChars: column.maxChars, options: column.options, maxItems: column.maxItems };
    optionsOf.set(column, options);
  }
  return options;
}
