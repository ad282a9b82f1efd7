import type { ColumnDef, ValueType } from '../../shared/region-template';
import { splitMultiselect } from '../../shared/validation';
import { columnLetter } from './headers';
import type { CellStyle, CellValue, DataValidation, SheetOptions } from './xlsx-writer';
import { sheetRef, XlsxWriter } from './xlsx-writer';

export type { CellStyle, DataValidation, SheetWriter } from './xlsx-writer';
export { XlsxWriter } from './xlsx-writer';

export { listColumns } from './headers';

/**
 * The building blocks of every workbook we write: sheets made for people (bold frozen header, widths
 * that fit Chinese text, wrapped long text, A4 landscape with the header repeated on each page), codes
 * kept as text, drop-down lists on coded columns, and no cell that can turn into a formula. Workbooks are
 * written as SpreadsheetML by ./xlsx-writer, each row serialised as it is added.
 */

const headerFill = 'DDE6F0';
/** Thin grey borders all round: the colour of CellStyle.border. */
export const borderColor = '808080';
/** The grey of notes and explanations. */
export const noteColor = '595959';
export const textFormat = '@';
/**
 * Drop-down lists and checks reach this many rows below the data, so rows people add get them too. Kept
 * modest: some readers (exceljs among them) expand a validated range cell by cell when loading.
 */
const validationSpareRows = 500;
const minValidationRows = 1000;

/** Hidden sheet holding drop-down lists too long for Excel's 255-character inline list. */
export const optionsSheetName = '下拉选项';
const inlineListLimit = 255;

/** Width of one UTF-16 unit: two for Chinese characters and full-width signs (and each half of a pair above U+FFFF). */
const unitWidth = (code: number): number => (code >= 0x2e80 && !(code >= 0xff61 && code <= 0xffdc) ? 2 : 1);

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/** Calls `line` with the display width of each line of the text, in order. */
function eachLineWidth(text: string, line: (width: number) => void): void {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      line(width);
      width = 0;
    } else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      // A character above U+FFFF (a rare ideograph, an emoji) is wide, and counted once.
      width += 2;
      i++;
    } else width += unitWidth(code);
  }
  line(width);
}

/** Width in Excel's units (the width of '0'): about two per Chinese character or full-width sign. */
export function displayWidth(text: string): number {
  let widest = 0;
  eachLineWidth(text, (width) => {
    if (width > widest) widest = width;
  });
  return widest;
}

/**
 * The widest content decides, within bounds that keep a list printable on A4 landscape: long text wraps
 * at 40, other text at 24 (codes of 18 characters always fit). A long header wraps onto two lines rather
 * than widening a column of short values.
 */
export function columnWidth(header: string, values: Iterable<string>, type: ValueType | 'index'): number {
  const cap = type === 'longtext' ? 40 : type === 'uscc' || type === 'idcard' ? 20 : 24;
  let content = 0;
  for (const value of values) {
    content = Math.max(content, displayWidth(value));
    if (content >= cap) break;
  }
  const headerFull = displayWidth(header);
  const headerWidth = Math.min(headerFull, Math.max(content, Math.ceil(headerFull / 2)));
  return Math.min(cap, Math.max(type === 'index' ? 4 : 6, content, headerWidth)) + 2;
}

/** Lines a text takes in a column of this width once wrapped. */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1.5);
  let lines = 0;
  eachLineWidth(text, (line) => {
    lines += Math.max(1, Math.ceil(line / usable));
  });
  return lines;
}

/**
 * Rows get an explicit height: spreadsheet programs do not all grow a row for wrapped text written by
 * another program, and a clipped 地位与分工 would print cut off.
 */
export function rowHeightFor(texts: ReadonlyArray<string | number | null>, widths: number[], from = 0): number {
  let lines = 1;
  for (let i = from; i < texts.length; i++) {
    const text = texts[i];
    if (text === '' || text === null) continue;
    const value = typeof text === 'number' ? String(text) : text;
    const width = widths[i] ?? 10;
    // No character is wider than 2: a short text on one line needs no measuring.
    if (value.length * 2 <= width - 1.5 && !value.includes('\n')) continue;
    const wrapped = wrappedLines(value, width);
    if (wrapped > lines) lines = wrapped;
  }
  return Math.min(409, lines * 14.5 + 4);
}

const numericTypes = new Set<ValueType>(['integer', 'age', 'money']);
/** Characters that make a spreadsheet, or a CSV made from it, read a cell as a formula. */
const formulaStart = /^[=+\-@\t\r\n]/;

export function isFormulaLike(text: string): boolean {
  return formulaStart.test(text);
}

/**
 * What to put in a cell: counts and amounts as numbers when they are plainly numbers (so they sort and
 * sum), everything else as the exact text — a string cell is never a formula in the file, and the text
 * format keeps it text when someone edits it in Excel.
 */
export function cellValueFor(column: ColumnDef, text: string): string | number {
  if (numericTypes.has(column.type) && /^\d+(?:\.\d+)?$/.test(text) && String(Number(text)) === text) return Number(text);
  // Coded options are shown with their label (A → A.新能源), as the drop-down list offers them.
  if (column.optionLabels && column.type === 'select') return column.optionLabels[text] ?? text;
  if (column.optionLabels && column.type === 'multiselect') {
    return splitMultiselect(text)
      .map((item) => column.optionLabels?.[item] ?? item)
      .join(',');
  }
  return text;
}

export function isTextColumn(type: ValueType): boolean {
  return !numericTypes.has(type);
}

/** Options of a select column as people read them (labels of coded options), 是/否 for a boolean one. */
export function dropDownOptions(column: ColumnDef): string[] | null {
  if (column.type === 'select') return (column.options ?? []).map((option) => column.optionLabels?.[option] ?? option);
  if (column.type === 'boolean') return ['是', '否'];
  return null;
}

/** Lists that do not fit an inline list, placed in columns of the hidden options sheet. */
export class OptionLists {
  private readonly lists: Array<{ label: string; options: string[] }> = [];

  /** The list formula for a data validation: inline when it fits, else a range of the hidden sheet. */
  formula(label: string, options: string[]): string {
    const inline = options.join(',');
    if (inline.length <= inlineListLimit && !options.some((option) => /[,"]/.test(option))) return `"${inline}"`;
    let index = this.lists.findIndex((list) => list.label === label && list.options.join('\n') === options.join('\n'));
    if (index < 0) {
      this.lists.push({ label, options });
      index = this.lists.length - 1;
    }
    const letter = columnLetter(index + 1);
    return `${sheetRef(optionsSheetName)}!$${letter}$2:$${letter}$${options.length + 1}`;
  }

  get empty(): boolean {
    return this.lists.length === 0;
  }

  /** The hidden sheet; call after every sheet that refers to it has asked for its formulas. */
  write(workbook: XlsxWriter): void {
    if (this.empty) return;
    const sheet = workbook.addSheet(optionsSheetName, { hidden: true });
    sheet.columns(this.lists.map((list) => ({ width: Math.min(60, Math.max(12, ...list.options.map(displayWidth)) + 2) })));
    const longest = Math.max(...this.lists.map((list) => list.options.length));
    sheet.row(this.lists.map((list) => list.label));
    for (let i = 0; i < longest; i++) sheet.row(this.lists.map((list) => list.options[i] ?? null));
  }
}

/** The check Excel applies while typing in a column, or null when there is nothing useful to check. */
export function validationFor(column: ColumnDef, lists: OptionLists): DataValidation | null {
  const options = dropDownOptions(column);
  if (options && options.length > 0) {
    return {
      type: 'list',
      allowBlank: true,
      formulae: [lists.formula(column.label, options)],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '请从列表中选择',
      error: `“${column.label}”请从下拉列表中选择：${options.slice(0, 12).join('、')}${options.length > 12 ? ' 等' : ''}`,
      showInputMessage: true,
      promptTitle: column.label,
      prompt: '请从下拉列表中选择',
    };
  }
  switch (column.type) {
    case 'age':
      return {
        type: 'whole',
        operator: 'between',
        allowBlank: true,
        formulae: [0, 120],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: '年龄不正确',
        error: '年龄请填写 0–120 之间的整数，不带“岁”',
      };
    case 'integer':
      return {
        type: 'whole',
        operator: 'greaterThanOrEqual',
        allowBlank: true,
        formulae: [0],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: '请填写整数',
        error: `“${column.label}”请填写不小于 0 的整数`,
      };
    case 'uscc':
    case 'idcard': {
      const what = column.type === 'uscc' ? '统一社会信用代码' : '身份证号';
      return {
        type: 'textLength',
        operator: 'equal',
        allowBlank: true,
        formulae: [18],
        showErrorMessage: true,
        // A warning, not a stop: the user may paste first and correct afterwards.
        errorStyle: 'warning',
        errorTitle: `${what}应为18位`,
        error: `${what}应为18位，请核对`,
        showInputMessage: true,
        promptTitle: column.label,
        prompt: `本列为文本格式，请输入完整的18位${what}（含末位字母，如 X）`,
      };
    }
    default:
      return null;
  }
}

export interface ListSheetSpec {
  name: string;
  columns: ColumnDef[];
  rows: Array<Record<string, string>>;
  /** Printed in the page header. */
  title: string;
  /** Adds a 序号 column first (the form numbers its rows). */
  numbered: boolean;
  /** A sheet people will type into (templates, collection): columns get room for what is to come. */
  forFilling?: boolean;
}

/** Widths a column to be typed into starts with, whatever it holds yet. */
function fillingWidth(type: ValueType): number {
  if (type === 'longtext') return 42;
  if (type === 'uscc' || type === 'idcard') return 22;
  if (type === 'text' || type === 'phone') return 16;
  return 10;
}

/** The bold, shaded header cell every sheet uses. */
export const headerStyle: CellStyle = { bold: true, horizontal: 'center', vertical: 'center', wrap: true, fill: headerFill, border: borderColor };

/** Common page setup: A4 landscape, one page wide, the header row on every page, page numbers below. */
export function printSetup(title: string, repeatRows = '1:1'): Pick<SheetOptions, 'print'> {
  return { print: { title, repeatRows } };
}

/** One list (成员单位, 科研团队, 科研平台) as a sheet: header row, then one row per record. */
export function writeListSheet(workbook: XlsxWriter, spec: ListSheetSpec, lists: OptionLists): void {
  const sheet = workbook.addSheet(spec.name, {
    frozen: { xSplit: spec.numbered ? 2 : 1, ySplit: 1, topLeftCell: spec.numbered ? 'C2' : 'B2', activeCell: 'A2' },
    ...printSetup(spec.title),
  });
  const offset = spec.numbered ? 1 : 0;
  const count = spec.columns.length;
  // The draft's texts and the cells made of them (labels for codes, numbers for counts), row after row.
  const texts: string[][] = [];
  const cells: CellValue[][] = [];
  for (const values of spec.rows) {
    const rowTexts: string[] = [];
    const row: CellValue[] = spec.numbered ? [cells.length + 1] : [];
    for (const column of spec.columns) {
      const text = values[column.key] ?? '';
      rowTexts.push(text);
      row.push(cellValueFor(column, text));
    }
    texts.push(rowTexts);
    cells.push(row);
  }
  function* shownIn(c: number): Iterable<string> {
    for (const row of cells) yield String(row[c]);
  }
  const columnStyles: CellStyle[] = [];
  const widths: number[] = [];
  if (spec.numbered) {
    widths.push(columnWidth('序号', [String(spec.rows.length)], 'index'));
    columnStyles.push({ horizontal: 'center', vertical: 'top' });
  }
  spec.columns.forEach((column, i) => {
    widths.push(Math.max(columnWidth(column.label, shownIn(i + offset), column.type), spec.forFilling ? fillingWidth(column.type) : 0));
    // Codes and text stay text when typed or pasted later; only counts are numbers.
    columnStyles.push({ vertical: 'top', wrap: true, ...(isTextColumn(column.type) ? { numFmt: textFormat } : {}) });
  });
  const styles = workbook.styles;
  sheet.columns(widths.map((width, i) => ({ width, style: styles.style(columnStyles[i]) })));

  const headerTexts = [...(spec.numbered ? ['序号'] : []), ...spec.columns.map((column) => column.label)];
  sheet.row(headerTexts, styles.style(headerStyle), { height: Math.max(20, rowHeightFor(headerTexts, widths) + 2) });
  sheet.autoFilter(`A1:${columnLetter(count + offset)}1`);

  const dataStyles = columnStyles.map((style) => styles.style({ ...style, border: borderColor }));
  const formulaSafe = columnStyles.map((style) => styles.style({ ...style, border: borderColor, numFmt: textFormat }));
  // Even in a count column, text that looks like a formula is stored and kept as text.
  const guarded = spec.columns.flatMap((column, i) => (isTextColumn(column.type) ? [] : [i]));
  cells.forEach((row, index) => {
    let rowStyles = dataStyles;
    for (const i of guarded) {
      if (isFormulaLike(texts[index][i])) {
        if (rowStyles === dataStyles) rowStyles = [...dataStyles];
        rowStyles[i + offset] = formulaSafe[i + offset];
      }
    }
    // The 序号 never wraps: it does not decide the height.
    sheet.row(row, rowStyles, { height: rowHeightFor(row, widths, offset) });
  });

  const lastRow = Math.max(minValidationRows, spec.rows.length + validationSpareRows) + 1;
  spec.columns.forEach((column, i) => {
    const validation = validationFor(column, lists);
    const letter = columnLetter(i + 1 + offset);
    if (validation) sheet.validate(`${letter}2:${letter}${lastRow}`, validation);
  });
}

/** A sheet of short paragraphs (填写说明). */
export function writeNotesSheet(workbook: XlsxWriter, name: string, title: string, lines: string[]): void {
  const sheet = workbook.addSheet(name, printSetup(title));
  const styles = workbook.styles;
  sheet.columns([{ width: 100, style: styles.style({ vertical: 'top', wrap: true }) }]);
  sheet.row([title], styles.style({ size: 14, bold: true, vertical: 'top', wrap: true }), { height: 24, style: styles.style({ size: 14, bold: true }) });
  const lineStyle = styles.style({ vertical: 'top', wrap: true });
  for (const line of lines) sheet.row([line], lineStyle, { height: rowHeightFor([line], [100]) });
}

/** Runs `build` against a new workbook and returns the finished .xlsx. */
export async function buildWorkbook(build: (workbook: XlsxWriter) => void | Promise<void>): Promise<Buffer> {
  const workbook = new XlsxWriter();
  await build(workbook);
  return workbook.toBuffer();
}

export { safeFileName } from '../../shared/documents/export-names';
