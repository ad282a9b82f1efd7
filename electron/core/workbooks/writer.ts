import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type { ColumnDef, ValueType } from '../../shared/region-template';
import { splitMultiselect } from '../../shared/validation';
import { columnLetter } from './headers';

export { listColumns } from './headers';

/**
 * The building blocks of every workbook we write: sheets made for people (bold frozen header, widths
 * that fit Chinese text, wrapped long text, A4 landscape with the header repeated on each page), codes
 * kept as text, drop-down lists on coded columns, and no cell that can turn into a formula. Workbooks are
 * written with exceljs's streaming writer, so rows are serialised as they are added and large lists never
 * sit in memory as cell objects.
 */

export const fontName = '宋体';
const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F0' } };
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
export const allBorders: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
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

/** Width in Excel's units (the width of '0'): about two per Chinese character or full-width sign. */
export function displayWidth(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) {
    let width = 0;
    for (const ch of line) {
      const code = ch.codePointAt(0) ?? 0;
      width += code >= 0x2e80 && !(code >= 0xff61 && code <= 0xffdc) ? 2 : 1;
    }
    widest = Math.max(widest, width);
  }
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
  return text.split('\n').reduce((lines, line) => lines + Math.max(1, Math.ceil(displayWidth(line) / usable)), 0);
}

/**
 * Rows get an explicit height: spreadsheet programs do not all grow a row for wrapped text written by
 * another program, and a clipped 地位与分工 would print cut off.
 */
export function rowHeightFor(texts: string[], widths: number[]): number {
  let lines = 1;
  texts.forEach((text, i) => {
    if (text !== '') lines = Math.max(lines, wrappedLines(text, widths[i] ?? 10));
  });
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
    return `'${optionsSheetName}'!$${letter}$2:$${letter}$${options.length + 1}`;
  }

  get empty(): boolean {
    return this.lists.length === 0;
  }

  /** The hidden sheet; call after every sheet that refers to it has asked for its formulas. */
  write(workbook: ExcelJS.stream.xlsx.WorkbookWriter): void {
    if (this.empty) return;
    const sheet = workbook.addWorksheet(optionsSheetName, { state: 'hidden' });
    sheet.columns = this.lists.map((list) => ({ width: Math.min(60, Math.max(12, ...list.options.map(displayWidth)) + 2) }));
    const longest = Math.max(...this.lists.map((list) => list.options.length));
    sheet.addRow(this.lists.map((list) => list.label)).commit();
    for (let i = 0; i < longest; i++) sheet.addRow(this.lists.map((list) => list.options[i] ?? null)).commit();
    sheet.commit();
  }
}

/** exceljs keeps range data validations on worksheets but does not declare them in its typings. */
interface RangeValidations {
  add(range: string, validation: ExcelJS.DataValidation): void;
}
export function rangeValidations(sheet: ExcelJS.Worksheet): RangeValidations {
  const found = (sheet as unknown as { dataValidations?: RangeValidations }).dataValidations;
  if (!found || typeof found.add !== 'function') throw new Error('this exceljs version has no worksheet.dataValidations');
  return found;
}

/** The check Excel applies while typing in a column, or null when there is nothing useful to check. */
export function validationFor(column: ColumnDef, lists: OptionLists): ExcelJS.DataValidation | null {
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

/** '&' starts a code in Excel's page header and footer. */
function headerText(text: string): string {
  return text.replace(/&/g, '&&');
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
export const headerStyle: Partial<ExcelJS.Style> = {
  font: { name: fontName, size: 11, bold: true },
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  fill: headerFill,
  border: allBorders,
};

/** Common page setup: A4 landscape, one page wide, the header row on every page, page numbers below. */
export function printSetup(title: string, repeatRows = '1:1'): Pick<ExcelJS.AddWorksheetOptions, 'pageSetup' | 'headerFooter'> {
  return {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: repeatRows,
      margins: { left: 0.4, right: 0.4, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddHeader: `&C&"${fontName},加粗"&12${headerText(title)}`,
      oddFooter: '&C第 &P 页，共 &N 页',
    },
  };
}

/** One list (成员单位, 科研团队, 科研平台) as a sheet: header row, then one row per record. */
export function writeListSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, spec: ListSheetSpec, lists: OptionLists): void {
  const sheet = workbook.addWorksheet(spec.name, {
    views: [{ state: 'frozen', xSplit: spec.numbered ? 2 : 1, ySplit: 1, topLeftCell: spec.numbered ? 'C2' : 'B2', activeCell: 'A2' }],
    ...printSetup(spec.title),
  });
  const offset = spec.numbered ? 1 : 0;
  const columns: Array<Partial<ExcelJS.Column>> = [];
  if (spec.numbered) {
    columns.push({ key: '__index', width: columnWidth('序号', [String(spec.rows.length)], 'index'), style: { font: { name: fontName, size: 11 }, alignment: { horizontal: 'center', vertical: 'top' } } });
  }
  for (const column of spec.columns) {
    columns.push({
      key: column.key,
      width: Math.max(
        columnWidth(column.label, spec.rows.map((row) => String(cellValueFor(column, row[column.key] ?? ''))), column.type),
        spec.forFilling ? fillingWidth(column.type) : 0,
      ),
      style: {
        font: { name: fontName, size: 11 },
        alignment: { vertical: 'top', wrapText: true },
        // Codes and text stay text when typed or pasted later; only counts are numbers.
        ...(isTextColumn(column.type) ? { numFmt: textFormat } : {}),
      },
    });
  }
  sheet.columns = columns;

  const headerTexts = [...(spec.numbered ? ['序号'] : []), ...spec.columns.map((column) => column.label)];
  const header = sheet.addRow(headerTexts);
  const widths = columns.map((column) => column.width ?? 10);
  header.height = Math.max(20, rowHeightFor(headerTexts, widths) + 2);
  header.eachCell((cell) => {
    cell.style = headerStyle;
  });
  header.commit();

  const lastColumn = columnLetter(spec.columns.length + offset);
  sheet.autoFilter = { from: 'A1', to: `${lastColumn}1` };

  // One style object per column, shared by all its cells: exceljs recognises a style object it has seen
  // and skips re-encoding it, which is most of the cost of writing a long list.
  const dataStyle = (column: Partial<ExcelJS.Column>, numFmt?: string): Partial<ExcelJS.Style> => ({
    ...column.style,
    border: allBorders,
    ...(numFmt ? { numFmt } : {}),
  });
  const styles = columns.map((column) => dataStyle(column));
  const formulaSafe = columns.map((column) => dataStyle(column, textFormat));
  spec.rows.forEach((values, index) => {
    const texts = spec.columns.map((column) => values[column.key] ?? '');
    const cells = spec.columns.map((column, i) => cellValueFor(column, texts[i]));
    const row = sheet.addRow([...(spec.numbered ? [index + 1] : []), ...cells]);
    row.height = rowHeightFor([...(spec.numbered ? [''] : []), ...cells.map(String)], widths);
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      const i = column - 1;
      const def = spec.columns[i - offset];
      // Even in a count column, text that looks like a formula is stored and kept as text.
      const unsafe = def !== undefined && !isTextColumn(def.type) && isFormulaLike(texts[i - offset]);
      cell.style = unsafe ? formulaSafe[i] : styles[i];
    });
    row.commit();
  });

  const lastRow = Math.max(minValidationRows, spec.rows.length + validationSpareRows) + 1;
  const validations = rangeValidations(sheet);
  spec.columns.forEach((column, i) => {
    const validation = validationFor(column, lists);
    const letter = columnLetter(i + 1 + offset);
    if (validation) validations.add(`${letter}2:${letter}${lastRow}`, validation);
  });
  sheet.commit();
}

/** A sheet of short paragraphs (填写说明). */
export function writeNotesSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, title: string, lines: string[]): void {
  const sheet = workbook.addWorksheet(name, printSetup(title));
  sheet.columns = [{ width: 100, style: { font: { name: fontName, size: 11 }, alignment: { vertical: 'top', wrapText: true } } }];
  const titleRow = sheet.addRow([title]);
  titleRow.font = { name: fontName, size: 14, bold: true };
  titleRow.height = 24;
  titleRow.commit();
  for (const line of lines) {
    const row = sheet.addRow([line]);
    row.height = rowHeightFor([line], [100]);
    row.commit();
  }
  sheet.commit();
}

/** Runs `build` against a streaming workbook and returns the finished .xlsx. */
export async function buildWorkbook(build: (workbook: ExcelJS.stream.xlsx.WorkbookWriter) => void | Promise<void>): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  workbook.creator = '联合体申报助手';
  workbook.created = new Date();
  await build(workbook);
  await workbook.commit();
  return Buffer.concat(chunks);
}

export { safeFileName } from '../../shared/documents/export-names';
