import type { TableRow, Values } from '../../../../electron/shared/draft';
import type { ColumnDef, ValueType } from '../../../../electron/shared/region-template';
import type { ValueProblem } from '../../../../electron/shared/validation';
import { validateValue } from '../../../../electron/shared/validation';
import { fromText } from '../../../../electron/shared/validation/cell-text';

/** One column of the grid: the template's column plus what its editor offers. */
export interface GridColumn {
  key: string;
  label: string;
  type: ValueType;
  required: boolean;
  /** Choices for select-like columns; 是 / 否 for booleans. */
  options?: string[];
  /** How a choice is shown where the stored value is a code (技术领域 B → B.化工). */
  optionLabels?: Record<string, string>;
  maxChars?: number;
  maxItems?: number;
  help?: string;
  /** Not printed in the form's table; kept for the rules, Excel and other documents. */
  extra: boolean;
  /** The template's definition, for folding pasted text the way Excel import does. */
  def: ColumnDef;
}

export function gridColumnsOf(columns: ColumnDef[]): GridColumn[] {
  return columns.map((column) => ({
    key: column.key,
    label: column.label,
    type: column.type,
    required: column.required,
    options: column.type === 'boolean' ? ['是', '否'] : column.options,
    optionLabels: column.optionLabels,
    maxChars: column.maxChars,
    maxItems: column.maxItems,
    help: column.help,
    extra: column.extra,
    def: column,
  }));
}

export function isSelectColumn(column: GridColumn): boolean {
  return column.type === 'select' || column.type === 'boolean';
}

export function isCodeColumn(column: GridColumn): boolean {
  return column.type === 'industryCode' || column.type === 'disciplineCode';
}

/** What a cell shows for a stored value: a choice's label where the value is a code. */
export function shownValue(column: GridColumn, value: string): string {
  return column.optionLabels?.[value] ?? value;
}

/** Text pasted into a cell, folded exactly as Excel import folds it (「B.化工」 → B, 「2021.09」 → 2021-09). */
export function pastedValue(column: GridColumn, text: string): string {
  return text.trim() === '' ? '' : fromText(column.def, text);
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

/** The width a column takes before anything is typed: enough for what that kind of value usually holds. */
const emptyWidth: Record<ValueType, number> = {
  text: 150,
  longtext: 260,
  date: 110,
  yearMonth: 96,
  integer: 80,
  money: 100,
  age: 64,
  phone: 130,
  idcard: 180,
  uscc: 186,
  select: 120,
  multiselect: 150,
  boolean: 88,
  industryCode: 200,
  disciplineCode: 200,
};
/** Past this a cell shows its start and the full value on hover, so one long entry does not push all else away. */
const maxWidth: Record<ValueType, number> = { ...emptyWidth, text: 340, longtext: 360, multiselect: 260, select: 220, industryCode: 280, disciplineCode: 280 };
const minWidth = 56;
/** Rows measured for widths: enough to see what a column holds, few enough to stay quick with 1 000 rows. */
const sampleRows = 200;

let measureContext: CanvasRenderingContext2D | null | undefined;
function textWidth(text: string, bold = false): number {
  if (measureContext === undefined) measureContext = document.createElement('canvas').getContext('2d');
  if (!measureContext) return [...text].reduce((sum, ch) => sum + (ch.charCodeAt(0) > 0x2e80 ? 13 : 7.5), 0);
  measureContext.font = `${bold ? 600 : 400} 13px ${getComputedStyle(document.body).fontFamily}`;
  return measureContext.measureText(text).width;
}

/**
 * Column widths from what the columns hold: the header (which may wrap to two lines), the longest value
 * in the first rows, within a range per kind of value; space left over in a wide window is shared out,
 * so the table uses the whole width instead of truncating 工作单位 beside empty space.
 */
export function fitColumnWidths(columns: GridColumn[], rows: TableRow[], available: number): number[] {
  const sample = rows.slice(0, sampleRows);
  const widths = columns.map((column) => {
    // Two header lines: half the label, but never narrower than its longest run of Latin letters or digits;
    // the required mark and the help button sit beside the text.
    const label = textWidth(column.label, true);
    const longestRun = textWidth(column.label.match(/[A-Za-z0-9]+/g)?.sort((x, y) => y.length - x.length)[0] ?? '', true);
    const header = Math.max(label / 2 + 14, longestRun) + 18 + (column.required ? 10 : 0) + (column.help || column.extra ? 24 : 0);
    let content = 0;
    for (const row of sample) {
      const value = row.values[column.key];
      // A code cell also shows the code's name, which is not known here: leave room for it.
      if (value) content = Math.max(content, textWidth(shownValue(column, value.split('\n')[0])) + (isCodeColumn(column) ? 130 : 0));
    }
    const wanted = content > 0 ? Math.max(content + 20, Math.min(emptyWidth[column.type], 96)) : emptyWidth[column.type];
    return Math.round(Math.max(minWidth, header, Math.min(wanted, maxWidth[column.type])));
  });
  const total = widths.reduce((sum, width) => sum + width, 0);
  if (available > total && total > 0) {
    const extra = available - total;
    return widths.map((width) => Math.floor(width + (extra * width) / total));
  }
  return widths;
}
