import type { Values } from '../../../../electron/shared/draft';
import type { ColumnDef, ValueType } from '../../../../electron/shared/region-template';
import type { ValueProblem } from '../../../../electron/shared/validation';
import { validateValue } from '../../../../electron/shared/validation';

/** One column of the grid: the template's column plus how wide it is drawn and what its editor offers. */
export interface GridColumn {
  key: string;
  label: string;
  type: ValueType;
  width: number;
  required: boolean;
  /** Choices for select-like columns; 是 / 否 for booleans. */
  options?: string[];
  maxChars?: number;
  maxItems?: number;
  help?: string;
  /** Not printed in the form's table; kept for the rules, Excel and other documents. */
  extra: boolean;
}

const widthByType: Record<ValueType, number> = {
  text: 160,
  longtext: 300,
  date: 120,
  yearMonth: 104,
  integer: 84,
  money: 112,
  age: 64,
  phone: 150,
  idcard: 190,
  uscc: 196,
  select: 124,
  multiselect: 160,
  boolean: 104,
  industryCode: 96,
  disciplineCode: 104,
};

/** Columns whose content is a unit or platform name get more room: they are what people read first. */
const wideNames = new Set(['name', 'workUnit', 'hostUnit', 'unit']);

export function gridColumnsOf(columns: ColumnDef[]): GridColumn[] {
  return columns.map((column) => ({
    key: column.key,
    label: column.label,
    type: column.type,
    width: wideNames.has(column.key) && column.type === 'text' ? 220 : widthByType[column.type],
    required: column.required,
    options: column.type === 'boolean' ? ['是', '否'] : column.options,
    maxChars: column.maxChars,
    maxItems: column.maxItems,
    help: column.help,
    extra: column.extra,
  }));
}

export function isSelectColumn(column: GridColumn): boolean {
  return column.type === 'select' || column.type === 'boolean';
}

export function isBlankValues(values: Values): boolean {
  return Object.values(values).every((value) => value.trim() === '');
}

/**
 * Problems of one cell. A row nobody has typed into yet is not marked at all (a fresh row full of red is
 * noise); in a started row, a missing required cell is marked as something still to fill.
 */
export function cellProblems(column: GridColumn, value: string, rowBlank: boolean): ValueProblem[] {
  if (rowBlank) return [];
  return validateValue(column.type, value, {
    required: column.required,
    maxChars: column.maxChars,
    options: column.options,
    maxItems: column.maxItems,
  });
}
