import { StringDecoder } from 'node:string_decoder';
import { UserError } from '../../../shared/errors';
import type { RawCell } from '../cell-values';
import { openWorkbookZip, workbookLimits, type WorkbookZip, type ZipEntry } from '../zip-safety';
import { attributeByLocalName, XmlTokenizer, type XmlHandler } from '../../xml/xml-tokenizer';

/**
 * Reading an .xlsx people send us, without a workbook library: each part is inflated as a stream and
 * tokenized as it arrives, and only what an import needs is kept — the sheets' names, order and
 * visibility, each cell's value (shared strings, inline and rich text, numbers, dates by their number
 * format, booleans, errors, formulas by their saved result) and the merged ranges. Everything a sheet
 * merely declares (data validations, conditional formats, hyperlinks, filters …) is skipped unread, and
 * merged ranges are cut to the cells actually present before anything uses them: a one-line
 * `D3:XFD1048576` costs nothing. Rows and cells are counted across the whole workbook, stopping at the
 * limits as soon as they are passed.
 */

const maxColumn = 16_384;
const maxRow = 1_048_576;
// Read once: the limits are checked for every row and cell.
const { maxRows, maxCells, maxMerges, maxCellChars } = workbookLimits;

/** A merged range, in 1-based row and column numbers. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

const emptyCell: RawCell = { kind: 'empty' };

/** One worksheet as read: valued cells by row, and merged ranges bounded by them. */
export class ReadSheet {
  /** Merged ranges covering each row, bounded to the cells present. */
  private readonly mergesByRow = new Map<number, MergedRange[]>();
  readonly rowNumbers: number[];
  readonly rowCount: number;

  constructor(
    readonly name: string,
    readonly state: SheetState,
    private readonly rows: Map<number, RawCell[]>,
    merges: MergedRange[],
    fail: (code: string, message: string, detail: string) => never,
  ) {
    this.rowNumbers = [...rows.keys()].sort((a, b) => a - b);
    this.rowCount = this.rowNumbers.length > 0 ? this.rowNumbers[this.rowNumbers.length - 1] : 0;
    let lastColumn = 0;
    for (const cells of rows.values()) lastColumn = Math.max(lastColumn, cells.length);
    let indexed = 0;
    for (const merge of merges) {
      // Cut to the cells present: rows and columns past the last value hold nothing to take a value from.
      const bounded = { ...merge, bottom: Math.min(merge.bottom, this.rowCount), right: Math.min(merge.right, lastColumn) };
      if (bounded.top > bounded.bottom || bounded.left > bounded.right) continue;
      if (bounded.top === bounded.bottom && bounded.left === bounded.right) continue;
      indexed += bounded.bottom - bounded.top + 1;
      if (indexed > maxCells) {
        fail('workbook.tooManyMerges', `工作表“${name}”中的合并单元格过多、过大，远超正常名单，为安全起见未打开。请取消多余的合并后再导入。`, `${merges.length} merged ranges span more than ${maxCells} rows`);
      }
      for (let row = bounded.top; row <= bounded.bottom; row++) {
        const list = this.mergesByRow.get(row);
        if (list) list.push(bounded);
        else this.mergesByRow.set(row, [bounded]);
      }
    }
  }

  /** The rows after `row` that hold a value or are covered by a merged range, in order. */
  rowsAfter(row: number): number[] {
    const rows = new Set<number>();
    for (const candidate of this.rowNumbers) if (candidate > row) rows.add(candidate);
    for (const candidate of this.mergesByRow.keys()) if (candidate > row) rows.add(candidate);
    return [...rows].sort((a, b) => a - b);
  }

  /** Rows that hold at least one value. */
  get actualRowCount(): number {
    return this.rowNumbers.length;
  }

  /** The cell's own value (empty for a cell covered by a merge's master, as Excel shows it). */
  own(row: number, column: number): RawCell {
    return this.rows.get(row)?.[column - 1] ?? emptyCell;
  }

  /** A row's valued cells by column - 1 (holes where empty), or undefined for a row without values. */
  cellsIn(row: number): readonly RawCell[] | undefined {
    return this.rows.get(row);
  }

  /** Whether any merged range covers a cell of this row. */
  hasMergesIn(row: number): boolean {
    return this.mergesByRow.has(row);
  }

  /** The merged range covering this cell when the cell is not the range's first (top-left) one. */
  coveringMerge(row: number, column: number): MergedRange | undefined {
    const list = this.mergesByRow.get(row);
    if (!list) return undefined;
    for (const merge of list) {
      if (column >= merge.left && column <= merge.right && !(row === merge.top && column === merge.left)) return merge;
    }
    return undefined;
  }

  /** The value shown in a cell: a covered cell shows its merge's first cell. */
  value(row: number, column: number): RawCell {
    const merge = this.coveringMerge(row, column);
    return merge ? this.own(merge.top, merge.left) : this.own(row, column);
  }

  /** The valued cells of a row, by column, in order. */
  cellsOf(row: number): Array<[number, RawCell]> {
    const cells: Array<[number, RawCell]> = [];
    this.rows.get(row)?.forEach((cell, index) => cells.push([index + 1, cell]));
    return cells;
  }

  /** The last column of a row that holds a value. */
  lastColumn(row: number): number {
    return this.rows.get(row)?.length ?? 0;
  }
}

export interface ReadWorkbook {
  fileName: string;
  /** In the order of the workbook's tabs. */
  sheets: ReadSheet[];
}

/** What workbook.xml and its relationships say: the sheets, and the date system. */
interface WorkbookInfo {
  sheets: Array<{ name: string; state: SheetState; path: string }>;
  date1904: boolean;
  sharedStrings?: string;
  styles?: string;
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** Excel's serial day number as the UTC midnight (and time) it stands for. */
function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** A number format that shows a date or a time (the quoted and bracketed parts of a format say nothing). */
function isDateFormat(code: string): boolean {
  return /[ymdhsb]/i.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, ''));
}

/** Excel's built-in date formats: 14–22, 45–47, and the East Asian ones (27–36, 50–58). */
function isBuiltInDateFormat(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/** A shared string's index written as digits only (as /^[0-9]+$/ has it), or -1. */
function sharedIndex(value: string): number {
  const length = value.length;
  if (length === 0) return -1;
  if (length > 15) return /^[0-9]+$/.test(value) ? Number(value) : -1;
  let index = 0;
  for (let at = 0; at < length; at++) {
    const code = value.charCodeAt(at);
    if (code < 0x30 || code > 0x39) return -1;
    index = index * 10 + (code - 0x30);
  }
  return index;
}

class Reader {
  private rows = 0;
  /** The value of each shared string's cells, made when a cell first shows it. */
  private sharedCells: RawCell[] = [];
  private cells = 0;
  private merges = 0;

  constructor(private readonly zip: WorkbookZip) {}

  private get fileName(): string {
    return this.zip.fileName;
  }

  fail = (code: string, message: string, detail: string): never => {
    throw new UserError(code, message, detail);
  };

  private damaged(part: string, detail: string): never {
    const message = /character reference|entity/.test(detail)
      ? `文件“${this.fileName}”含有无效的字符编码，可能已损坏或是恶意构造的文件，无法读取。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试。`
      : /DOCTYPE/.test(detail)
        ? `文件“${this.fileName}”含有工作簿中不应有的文档类型声明，可能是恶意构造的文件，为安全起见未打开。`
        : `文件“${this.fileName}”已损坏或格式不正确，无法读取。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试。`;
    return this.fail('workbook.damaged', message, `${part}: ${detail}`);
  }

  private async parse(path: string, handler: XmlHandler): Promise<void> {
    const entry: ZipEntry | undefined = this.zip.parts.get(path);
    if (!entry) return;
    const decoder = new StringDecoder('utf8');
    const tokenizer = new XmlTokenizer(handler, (detail) => this.damaged(path, detail));
    await this.zip.inflate(entry, (chunk) => {
      tokenizer.write(decoder.write(chunk));
      return true;
    });
    tokenizer.write(decoder.end());
    tokenizer.end();
  }

  private async relationships(path: string): Promise<Map<string, { target: string; type: string }>> {
    const rels = new Map<string, { target: string; type: string }>();
    const slash = path.lastIndexOf('/');
    const relsPath = `${path.slice(0, slash + 1)}_rels/${path.slice(slash + 1)}.rels`;
    await this.parse(relsPath, {
      open: (name, attributes) => {
        if (name !== 'Relationship' || attributes.TargetMode === 'External') return;
        const id = attributes.Id;
        const target = attributes.Target;
        if (id && target) rels.set(id, { target: resolveTarget(path, target), type: attributes.Type ?? '' });
      },
      close: () => undefined,
      text: () => undefined,
    });
    return rels;
  }

  async workbookInfo(): Promise<WorkbookInfo> {
    const rels = await this.relationships('xl/workbook.xml');
    const info: WorkbookInfo = { sheets: [], date1904: false };
    for (const rel of rels.values()) {
      if (rel.type.endsWith('/sharedStrings')) info.sharedStrings = rel.target;
      if (rel.type.endsWith('/styles')) info.styles = rel.target;
    }
    await this.parse('xl/workbook.xml', {
      open: (name, attributes) => {
        if (name === 'workbookPr') info.date1904 = attributes.date1904 === '1' || attributes.date1904 === 'true';
        if (name !== 'sheet') return;
        const rel = rels.get(attributeByLocalName(attributes, 'id') ?? '');
        // Chart sheets and dialog sheets hold no cells.
        if (!rel || !rel.type.endsWith('/worksheet') || attributes.name === undefined) return;
        const state = attributes.state === 'hidden' || attributes.state === 'veryHidden' ? attributes.state : 'visible';
        info.sheets.push({ name: attributes.name, state, path: rel.target });
      },
      close: () => undefined,
      text: () => undefined,
    });
    return info;
  }

  private textTooLong(where: string): never {
    return this.fail(
      'workbook.cellTooLong',
      `文件“${this.fileName}”中有单元格的内容超过 ${maxCellChars.toLocaleString('en-US')} 个字符（Excel 单元格的上限），可能已损坏或是恶意构造的文件，未导入。`,
      `${where}: text longer than ${maxCellChars} characters`,
    );
  }

  /** The shared strings, in order: plain or rich text, phonetic guides (rPh) left out. */
  async sharedStrings(path: string | undefined): Promise<string[]> {
    const strings: string[] = [];
    if (!path) return strings;
    let inItem = false;
    let inText = false;
    let phonetic = 0;
    let text = '';
    await this.parse(path, {
      open: (name) => {
        if (name === 'si') {
          inItem = true;
          text = '';
          if (strings.length >= maxCells) {
            this.fail('workbook.tooManyCells', `文件“${this.fileName}”中的文字条目超过 ${maxCells.toLocaleString('en-US')} 个，远超正常名单，未导入。`, `${path}: more than ${maxCells} strings`);
          }
        } else if (name === 'rPh') phonetic++;
        else if (name === 't' && inItem && phonetic === 0) inText = true;
      },
      close: (name) => {
        if (name === 'si') {
          strings.push(text);
          inItem = false;
        } else if (name === 'rPh') phonetic--;
        else if (name === 't') inText = false;
      },
      text: (chunk) => {
        if (!inText) return;
        text += chunk;
        if (text.length > maxCellChars) this.textTooLong(path);
      },
    });
    return strings;
  }

  /** For each cell style (the s attribute), whether its number format shows a date. */
  async dateStyles(path: string | undefined): Promise<boolean[]> {
    const dates: boolean[] = [];
    if (!path) return dates;
    const formats = new Map<number, string>();
    let inCellXfs = false;
    await this.parse(path, {
      open: (name, attributes) => {
        if (name === 'numFmt' && attributes.numFmtId !== undefined) formats.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) {
          const id = Number(attributes.numFmtId ?? 0);
          const custom = formats.get(id);
          dates.push(custom !== undefined ? isDateFormat(custom) : isBuiltInDateFormat(id));
        }
      },
      close: (name) => {
        if (name === 'cellXfs') inCellXfs = false;
      },
      text: () => undefined,
    });
    return dates;
  }

  private countRow(sheet: string, path: string): void {
    if (++this.rows > maxRows) {
      this.fail(
        'workbook.tooManyRows',
        `文件“${this.fileName}”超过 ${maxRows.toLocaleString('en-US')} 行（在工作表“${sheet}”处超出，各工作表合计），超出导入上限。请删除多余的行或拆分成几个文件后再导入。`,
        `${path}: more than ${maxRows} rows in the workbook`,
      );
    }
  }

  private countCell(sheet: string, path: string): void {
    if (++this.cells > maxCells) {
      this.fail(
        'workbook.tooManyCells',
        `文件“${this.fileName}”的单元格超过 ${maxCells.toLocaleString('en-US')} 个（在工作表“${sheet}”处超出，各工作表合计），远超正常名单，未导入。请删除多余的行列后再导入。`,
        `${path}: more than ${maxCells} cells in the workbook`,
      );
    }
  }

  /** The row and column parseAddress read last: one per cell, kept here rather than in a new object. */
  private addressRow = 0;
  private addressColumn = 0;

  private parseAddress(ref: string, path: string): { row: number; column: number } {
    this.readAddress(ref, path);
    return { row: this.addressRow, column: this.addressColumn };
  }

  /** Reads a cell reference (A1, $B$7) into addressRow and addressColumn; a bad one damages the part. */
  private readAddress(ref: string, path: string): void {
    let column = 0;
    let at = 0;
    for (; at < ref.length; at++) {
      const code = ref.charCodeAt(at) | 0x20; // lower case
      if (code < 0x61 || code > 0x7a) break;
      column = column * 26 + (code - 0x60);
      if (column > maxColumn) break;
    }
    if (ref.charCodeAt(at) === 0x24 /* $ */) at++;
    let row = 0;
    const digitsStart = at;
    for (; at < ref.length && at - digitsStart < 8; at++) {
      const code = ref.charCodeAt(at);
      if (code < 0x30 || code > 0x39) break;
      row = row * 10 + (code - 0x30);
    }
    if (at !== ref.length || at === digitsStart) row = 0;
    if (column < 1 || column > maxColumn || row < 1 || row > maxRow) this.damaged(path, `bad cell reference "${ref.slice(0, 20)}"`);
    this.addressRow = row;
    this.addressColumn = column;
  }

  private parseRange(ref: string, path: string): MergedRange {
    const [from, to = from] = ref.replace(/\$/g, '').split(':');
    const a = this.parseAddress(from, path);
    const b = this.parseAddress(to, path);
    return { top: Math.min(a.row, b.row), left: Math.min(a.column, b.column), bottom: Math.max(a.row, b.row), right: Math.max(a.column, b.column) };
  }

  async sheet(
    meta: { name: string; state: SheetState; path: string },
    shared: string[],
    dateStyle: boolean[],
    date1904: boolean,
  ): Promise<ReadSheet> {
    const { name: sheetName, path } = meta;
    // Sized once (8 bytes a string): filled at random indexes, a growing array would turn into a dictionary.
    if (this.sharedCells.length !== shared.length) this.sharedCells = new Array<RawCell>(shared.length);
    const rows = new Map<number, RawCell[]>();
    const merges: MergedRange[] = [];
    let inData = false;
    let rowNumber = 0;
    let cells: RawCell[] | null = null;
    let column = 0;
    // The cell being read.
    let inCell = false;
    let type = '';
    let style = 0;
    let value: string | null = null;
    let inline: string | null = null;
    let capture = 0; // 1: <v>, 2: <t> of an inline string
    let inInline = false;
    let phonetic = 0;

    const finishCell = (): void => {
      const cell = this.cellValue(type, style, value, inline, shared, dateStyle, date1904, path);
      if (cell.kind === 'empty') return;
      if (!cells) {
        cells = [];
        rows.set(rowNumber, cells);
      }
      cells[column - 1] = cell;
    };

    await this.parse(path, {
      open: (name, attributes, selfClosing) => {
        if (inCell) {
          if (name === 'v') {
            capture = 1;
            value = '';
          } else if (name === 'is') {
            inInline = true;
            inline = '';
          } else if (name === 'rPh') phonetic++;
          else if (name === 't' && inInline && phonetic === 0) capture = 2;
          return;
        }
        if (!inData) {
          if (name === 'sheetData') inData = !selfClosing;
          else if (name === 'mergeCell' && attributes.ref) {
            if (++this.merges > maxMerges) {
              this.fail('workbook.tooManyMerges', `文件“${this.fileName}”中的合并单元格超过 ${maxMerges.toLocaleString('en-US')} 处，远超正常名单，为安全起见未打开。`, `${path}: more than ${maxMerges} merged ranges`);
            }
            merges.push(this.parseRange(attributes.ref, path));
          }
          return;
        }
        if (name === 'row') {
          this.countRow(sheetName, path);
          const r = attributes.r;
          const next = r !== undefined ? Number(r) : rowNumber + 1;
          if (!Number.isInteger(next) || next < 1 || next > maxRow) this.damaged(path, `bad row number "${String(r).slice(0, 20)}"`);
          rowNumber = next;
          cells = rows.get(rowNumber) ?? null;
          column = 0;
        } else if (name === 'c') {
          this.countCell(sheetName, path);
          const ref = attributes.r;
          if (ref !== undefined) {
            this.readAddress(ref, path);
            column = this.addressColumn;
            if (this.addressRow !== rowNumber) {
              rowNumber = this.addressRow;
              cells = rows.get(rowNumber) ?? null;
            }
          } else column++;
          if (rowNumber === 0) this.damaged(path, 'a cell outside any row');
          type = attributes.t ?? '';
          style = attributes.s !== undefined ? Number(attributes.s) : 0;
          value = null;
          inline = null;
          inCell = !selfClosing;
          inInline = false;
          phonetic = 0;
          capture = 0;
          if (selfClosing) finishCell();
        }
      },
      close: (name) => {
        if (inCell) {
          if (name === 'c') {
            inCell = false;
            finishCell();
          } else if (name === 'v' || name === 't') capture = 0;
          else if (name === 'is') inInline = false;
          else if (name === 'rPh') phonetic--;
          return;
        }
        if (name === 'sheetData') inData = false;
      },
      text: (text) => {
        if (capture === 1) {
          value += text;
          if ((value as string).length > maxCellChars) this.textTooLong(path);
        } else if (capture === 2) {
          inline += text;
          if ((inline as string).length > maxCellChars) this.textTooLong(path);
        }
      },
    });
    return new ReadSheet(sheetName, meta.state, rows, merges, this.fail);
  }

  private cellValue(
    type: string,
    style: number,
    value: string | null,
    inline: string | null,
    shared: string[],
    dateStyle: boolean[],
    date1904: boolean,
    path: string,
  ): RawCell {
    if (type === 'inlineStr') return inline ? { kind: 'text', text: inline } : emptyCell;
    if (value === null) return emptyCell;
    switch (type) {
      case 's': {
        const index = sharedIndex(value);
        const text = index >= 0 ? shared[index] : undefined;
        if (text === undefined) this.damaged(path, `shared string "${value.slice(0, 20)}" does not exist`);
        if (text === '') return emptyCell;
        // One cell value per string, however many cells show it (a 是, a unit type, a unit's name).
        let cell = this.sharedCells[index];
        if (cell === undefined) {
          cell = { kind: 'text', text };
          this.sharedCells[index] = cell;
        }
        return cell;
      }
      case 'str':
        return value === '' ? emptyCell : { kind: 'text', text: value };
      case 'b':
        return { kind: 'boolean', value: parseInt(value, 10) !== 0 };
      case 'e':
        return { kind: 'error', error: value };
      case 'd': {
        const date = new Date(value);
        return Number.isNaN(date.getTime()) ? { kind: 'error', error: '#VALUE!' } : { kind: 'date', value: date };
      }
      default: {
        if (value === '') return emptyCell;
        const number = Number(value);
        if (!Number.isFinite(number)) return { kind: 'error', error: '#NUM!' };
        if (dateStyle[style]) {
          const date = excelDate(number, date1904);
          return Number.isNaN(date.getTime()) ? { kind: 'error', error: '#VALUE!' } : { kind: 'date', value: date };
        }
        return { kind: 'number', value: number };
      }
    }
  }
}

/**
 * Reads a workbook's sheets. Throws a UserError with a Chinese message when the file is not a workbook,
 * is damaged, is built to hurt, or holds no value at all.
 */
export async function readWorkbook(bytes: Buffer, fileName: string): Promise<ReadWorkbook> {
  const reader = new Reader(openWorkbookZip(bytes, fileName));
  const info = await reader.workbookInfo();
  const shared = await reader.sharedStrings(info.sharedStrings);
  const dateStyles = await reader.dateStyles(info.styles);
  const sheets: ReadSheet[] = [];
  for (const meta of info.sheets) sheets.push(await reader.sheet(meta, shared, dateStyles, info.date1904));
  if (sheets.every((sheet) => sheet.actualRowCount === 0)) {
    throw new UserError('workbook.empty', `文件“${fileName}”中没有任何数据（所有工作表都是空的）。`, 'no cells in any sheet');
  }
  return { fileName, sheets };
}
