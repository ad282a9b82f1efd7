import { appPropertiesXml, contentTypesXml, corePropertiesXml, packageRelsXml } from '../documents/package-parts';
import { esc, escAttr } from '../documents/xml-escape';
import { writeZipAsync, type ZipEntry } from '../documents/zip-writer';
import { columnLetter } from './headers';

/**
 * A small SpreadsheetML writer for the workbooks we produce: sheets of strings and numbers with styles from one
 * styles.xml, shared strings, column widths, row heights, frozen panes, auto filters, data validations and print
 * setup, written directly as XML strings and zipped with Node's zlib (exceljs's streaming writer cost half of an
 * export). A string cell is always a shared string, never a formula; there is no way to write a formula.
 */

const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const ns = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  rel: 'http://schemas.openxmlformats.org/package/2006/relationships',
} as const;
const sml = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

export type CellValue = string | number | null;

/** What a cell looks like. Fonts are 宋体 unless `font` says otherwise; colours are RGB hex. */
export interface CellStyle {
  font?: string;
  size?: number;
  bold?: boolean;
  color?: string;
  /** Solid background, RGB hex. */
  fill?: string;
  /** Thin borders all round in this colour (RGB hex). */
  border?: string;
  /** '@' (text), '0.0%', 'General' … */
  numFmt?: string;
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'center' | 'bottom';
  wrap?: boolean;
}

/** The built-in number formats we use; anything else gets an id of its own from 164. */
const builtinFormats: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '0%': 9, '0.00%': 10, '@': 49 };

/** The workbook's one styles.xml: fonts, fills, borders and cell formats, each written once. */
export class StyleSheet {
  private readonly fonts: string[] = ['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'];
  private readonly fills: string[] = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private readonly borders: string[] = ['<border><left/><right/><top/><bottom/><diagonal/></border>'];
  private readonly numFmts: string[] = [];
  private readonly xfs: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly index = new Map<string, number>();
  private readonly parts = new Map<string, number>();
  private readonly formatIds = new Map<string, number>();

  /** Fonts, fills and borders: each distinct one once (their XML differs by its first tag, so one map serves all). */
  private part(list: string[], xml: string): number {
    let id = this.parts.get(xml);
    if (id === undefined) {
      id = list.push(xml) - 1;
      this.parts.set(xml, id);
    }
    return id;
  }

  private numFmtId(code: string): number {
    const builtin = builtinFormats[code];
    if (builtin !== undefined) return builtin;
    let id = this.formatIds.get(code);
    if (id === undefined) {
      id = 164 + this.numFmts.length;
      this.numFmts.push(`<numFmt numFmtId="${id}" formatCode="${escAttr(code)}"/>`);
      this.formatIds.set(code, id);
    }
    return id;
  }

  /** The cell format index (the `s` of a cell) of a style; the same style always gets the same index. */
  style(style: CellStyle): number {
    const key = JSON.stringify(style);
    const found = this.index.get(key);
    if (found !== undefined) return found;
    const fontXml =
      '<font>' +
      (style.bold ? '<b/>' : '') +
      `<sz val="${style.size ?? 11}"/>` +
      (style.color ? `<color rgb="FF${style.color}"/>` : '') +
      // 宋体 with its character set (GB 2312), as Excel writes it for a Chinese font.
      (style.font ? `<name val="${escAttr(style.font)}"/>` : '<name val="宋体"/><charset val="134"/>') +
      '</font>';
    const fontId = this.part(this.fonts, fontXml);
    const fillId = style.fill ? this.part(this.fills, `<fill><patternFill patternType="solid"><fgColor rgb="FF${style.fill}"/><bgColor indexed="64"/></patternFill></fill>`) : 0;
    const side = (name: string) => `<${name} style="thin"><color rgb="FF${style.border}"/></${name}>`;
    const borderId = style.border ? this.part(this.borders, `<border>${side('left')}${side('right')}${side('top')}${side('bottom')}<diagonal/></border>`) : 0;
    const numFmtId = style.numFmt ? this.numFmtId(style.numFmt) : 0;
    const alignment =
      style.horizontal || style.vertical || style.wrap
        ? '<alignment' +
          (style.horizontal ? ` horizontal="${style.horizontal}"` : '') +
          (style.vertical ? ` vertical="${style.vertical}"` : '') +
          (style.wrap ? ' wrapText="1"' : '') +
          '/>'
        : '';
    const xf =
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"` +
      (numFmtId ? ' applyNumberFormat="1"' : '') +
      ' applyFont="1"' +
      (fillId ? ' applyFill="1"' : '') +
      (borderId ? ' applyBorder="1"' : '') +
      (alignment ? ` applyAlignment="1">${alignment}</xf>` : '/>');
    const id = this.xfs.push(xf) - 1;
    this.index.set(key, id);
    return id;
  }

  xml(): string {
    const list = (name: string, items: string[]) => `<${name} count="${items.length}">${items.join('')}</${name}>`;
    return (
      `${xmlDeclaration}<styleSheet xmlns="${ns.main}">` +
      (this.numFmts.length ? list('numFmts', this.numFmts) : '') +
      list('fonts', this.fonts) +
      list('fills', this.fills) +
      list('borders', this.borders) +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list('cellXfs', this.xfs) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}

/** Strings written once, in sharedStrings.xml, and referred to by index from the cells. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly items: string[] = [];
  count = 0;

  id(text: string): number {
    this.count++;
    let id = this.index.get(text);
    if (id === undefined) {
      // Excel drops leading and trailing spaces (and tabs, line breaks) unless told to keep them.
      const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
      id = this.items.push(`<si><t${space}>${esc(text)}</t></si>`) - 1;
      this.index.set(text, id);
    }
    return id;
  }

  xml(): string {
    return `${xmlDeclaration}<sst xmlns="${ns.main}" count="${this.count}" uniqueCount="${this.items.length}">${this.items.join('')}</sst>`;
  }
}

/** A data validation (Excel's 数据验证) over a range of cells. */
export interface DataValidation {
  type: 'list' | 'whole' | 'decimal' | 'textLength' | 'date' | 'custom';
  operator?: 'between' | 'notBetween' | 'equal' | 'notEqual' | 'greaterThan' | 'lessThan' | 'greaterThanOrEqual' | 'lessThanOrEqual';
  allowBlank?: boolean;
  /** Formulas as Excel writes them: a quoted inline list ("a,b"), a range, or a number. */
  formulae: Array<string | number>;
  showErrorMessage?: boolean;
  errorStyle?: 'stop' | 'warning' | 'information';
  errorTitle?: string;
  error?: string;
  showInputMessage?: boolean;
  promptTitle?: string;
  prompt?: string;
}

/** Excel's limits for a validation's texts (longer ones make it report the file as damaged): titles 32, messages 255, the error 225. */
const validationLimits = { errorTitle: 32, promptTitle: 32, prompt: 255, error: 225 } as const;

function clip(text: string | undefined, limit: number): string | undefined {
  if (text === undefined || text.length <= limit) return text;
  return `${text.slice(0, limit - 1)}…`;
}

function validationXml(sqref: string, v: DataValidation): string {
  const attr = (name: string, value: string | undefined) => (value === undefined ? '' : ` ${name}="${escAttr(value)}"`);
  const flag = (name: string, value: boolean | undefined) => (value ? ` ${name}="1"` : '');
  return (
    `<dataValidation type="${v.type}"` +
    attr('errorStyle', v.errorStyle && v.errorStyle !== 'stop' ? v.errorStyle : undefined) +
    attr('operator', v.operator && v.operator !== 'between' ? v.operator : undefined) +
    flag('allowBlank', v.allowBlank) +
    flag('showInputMessage', v.showInputMessage) +
    flag('showErrorMessage', v.showErrorMessage) +
    attr('errorTitle', clip(v.errorTitle, validationLimits.errorTitle)) +
    attr('error', clip(v.error, validationLimits.error)) +
    attr('promptTitle', clip(v.promptTitle, validationLimits.promptTitle)) +
    attr('prompt', clip(v.prompt, validationLimits.prompt)) +
    ` sqref="${sqref}">` +
    v.formulae.map((formula, i) => `<formula${i + 1}>${esc(String(formula))}</formula${i + 1}>`).join('') +
    '</dataValidation>'
  );
}

/** A sheet name as it appears in a formula or defined name: quoted, quotes doubled. */
export function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export interface SheetOptions {
  hidden?: boolean;
  /** Frozen panes: columns left of and rows above the split stay in view. */
  frozen?: { xSplit?: number; ySplit: number; topLeftCell: string; activeCell: string };
  /** A4 landscape, one page wide, these rows (e.g. '1:1') on every page, the title in the page header. */
  print?: { title: string; repeatRows: string };
}

export interface ColumnSpec {
  width: number;
  /** Format of the column's empty cells, so what people type later is formatted too. */
  style?: number;
}

export interface RowOptions {
  /** Height in points; rows without one are as tall as Excel makes them. */
  height?: number;
  /** A format for the whole row (cells not written included). */
  style?: number;
}

/** '&' starts a code in Excel's page header and footer. */
function headerText(text: string): string {
  return text.replace(/&/g, '&&');
}

export class SheetWriter {
  private readonly rows: string[] = [];
  private readonly chunks: Buffer[] = [];
  private pending = 0;
  private rowCount = 0;
  private readonly validations: string[] = [];
  private cols: ColumnSpec[] = [];
  private letters: string[] = [];
  private filter: string | null = null;
  private readonly tailsByStyle: Array<{ empty: string; number: string; text: string } | undefined> = [];

  constructor(
    private readonly strings: SharedStrings,
    readonly name: string,
    readonly options: SheetOptions,
  ) {}

  columns(columns: ColumnSpec[]): void {
    this.cols = columns;
    this.lettersUpTo(columns.length);
  }

  private lettersUpTo(count: number): void {
    for (let i = this.letters.length; i < count; i++) this.letters.push(columnLetter(i + 1));
  }

  /** Adds the next row. `styles` is one format for every cell or one per cell; null cells are left out unless styled. */
  row(values: CellValue[], styles: number | ReadonlyArray<number | undefined> = 0, options: RowOptions = {}): void {
    const r = ++this.rowCount;
    if (values.length > this.letters.length) this.lettersUpTo(values.length);
    let xml = `<row r="${r}"`;
    if (options.height !== undefined) xml += ` ht="${round(options.height)}" customHeight="1"`;
    if (options.style) xml += ` s="${options.style}" customFormat="1"`;
    xml += '>';
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      const s = typeof styles === 'number' ? styles : (styles[i] ?? 0);
      const tails = this.tails(s);
      if (value === null || value === '' || (typeof value === 'number' && !Number.isFinite(value))) {
        if (s) xml += `<c r="${this.letters[i]}${r}${tails.empty}`;
      } else if (typeof value === 'number') {
        xml += `<c r="${this.letters[i]}${r}${tails.number}${value}</v></c>`;
      } else {
        xml += `<c r="${this.letters[i]}${r}${tails.text}${this.strings.id(value)}</v></c>`;
      }
    }
    xml += '</row>';
    this.rows.push(xml);
    this.pending += xml.length;
    if (this.pending >= flushChars) this.flush();
  }

  /**
   * The rows so far as UTF-8, in pieces of some 64 K characters: no string of the whole sheet is ever made, so the
   * sheet's text is short-lived garbage rather than a large object every collection has to copy or mark.
   */
  private flush(): void {
    if (this.rows.length === 0) return;
    this.chunks.push(Buffer.from(this.rows.join(''), 'utf8'));
    this.rows.length = 0;
    this.pending = 0;
  }

  /** What follows a cell's reference for each kind of value, per format: made once, not for every cell. */
  private tails(s: number): { empty: string; number: string; text: string } {
    let tails = this.tailsByStyle[s];
    if (!tails) {
      const attr = s ? ` s="${s}"` : '';
      tails = { empty: `"${attr}/>`, number: `"${attr}><v>`, text: `"${attr} t="s"><v>` };
      this.tailsByStyle[s] = tails;
    }
    return tails;
  }

  autoFilter(ref: string): void {
    this.filter = ref;
  }

  get filterRef(): string | null {
    return this.filter;
  }

  validate(sqref: string, validation: DataValidation): void {
    this.validations.push(validationXml(sqref, validation));
  }

  xml(selected: boolean): Buffer {
    const { frozen, print } = this.options;
    let out = `${xmlDeclaration}<worksheet xmlns="${ns.main}" xmlns:r="${ns.r}">`;
    if (print) out += '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>';
    out += `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0">`;
    if (frozen) {
      const pane = frozen.xSplit ? (frozen.ySplit ? 'bottomRight' : 'topRight') : 'bottomLeft';
      out +=
        `<pane${frozen.xSplit ? ` xSplit="${frozen.xSplit}"` : ''} ySplit="${frozen.ySplit}" topLeftCell="${frozen.topLeftCell}" activePane="${pane}" state="frozen"/>` +
        `<selection pane="${pane}" activeCell="${frozen.activeCell}" sqref="${frozen.activeCell}"/>`;
    }
    out += '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>';
    if (this.cols.length) {
      out +=
        '<cols>' +
        this.cols.map((col, i) => `<col min="${i + 1}" max="${i + 1}" width="${round(col.width)}"${col.style ? ` style="${col.style}"` : ''} customWidth="1"/>`).join('') +
        '</cols>';
    }
    this.flush();
    if (this.chunks.length === 0) out += '<sheetData/>';
    const head = Buffer.from(this.chunks.length ? `${out}<sheetData>` : out, 'utf8');
    out = this.chunks.length ? '</sheetData>' : '';
    if (this.filter) out += `<autoFilter ref="${this.filter}"/>`;
    if (this.validations.length) out += `<dataValidations count="${this.validations.length}">${this.validations.join('')}</dataValidations>`;
    if (print) {
      out +=
        '<printOptions horizontalCentered="1"/>' +
        '<pageMargins left="0.4" right="0.4" top="0.7" bottom="0.7" header="0.3" footer="0.3"/>' +
        '<pageSetup paperSize="9" fitToWidth="1" fitToHeight="0" orientation="landscape"/>' +
        `<headerFooter><oddHeader>${esc(`&C&"宋体,加粗"&12${headerText(print.title)}`)}</oddHeader><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>`;
    }
    return Buffer.concat([head, ...this.chunks, Buffer.from(`${out}</worksheet>`, 'utf8')]);
  }
}

/** Characters of rows gathered before they are encoded (see SheetWriter.flush). */
const flushChars = 64 * 1024;

const round = (n: number): string => String(Math.round(n * 100) / 100);

/** A workbook being written: add sheets, fill them, then `toBuffer`. */
export class XlsxWriter {
  readonly styles = new StyleSheet();
  private readonly strings = new SharedStrings();
  private readonly sheets: SheetWriter[] = [];
  title = '';

  addSheet(name: string, options: SheetOptions = {}): SheetWriter {
    const sheet = new SheetWriter(this.strings, name, options);
    this.sheets.push(sheet);
    return sheet;
  }

  parts(): ZipEntry[] {
    const sheets = this.sheets;
    const firstVisible = Math.max(0, sheets.findIndex((sheet) => !sheet.options.hidden));
    const definedNames: string[] = [];
    sheets.forEach((sheet, i) => {
      const filter = sheet.filterRef;
      if (filter) {
        const [from, to] = filter.split(':').map((cell) => cell.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2'));
        definedNames.push(`<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${esc(`${sheetRef(sheet.name)}!${from}:${to ?? from}`)}</definedName>`);
      }
    });
    sheets.forEach((sheet, i) => {
      const rows = sheet.options.print?.repeatRows;
      if (rows) {
        const [first, last] = rows.split(':');
        definedNames.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${esc(`${sheetRef(sheet.name)}!$${first}:$${last ?? first}`)}</definedName>`);
      }
    });
    const workbook =
      `${xmlDeclaration}<workbook xmlns="${ns.main}" xmlns:r="${ns.r}">` +
      `<workbookPr/><bookViews><workbookView activeTab="${firstVisible}"/></bookViews><sheets>` +
      sheets.map((sheet, i) => `<sheet name="${escAttr(sheet.name)}" sheetId="${i + 1}"${sheet.options.hidden ? ' state="hidden"' : ''} r:id="rId${i + 3}"/>`).join('') +
      '</sheets>' +
      (definedNames.length ? `<definedNames>${definedNames.join('')}</definedNames>` : '') +
      '<calcPr calcId="191029"/></workbook>';
    const workbookRels =
      `${xmlDeclaration}<Relationships xmlns="${ns.rel}">` +
      `<Relationship Id="rId1" Type="${ns.r}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId2" Type="${ns.r}/sharedStrings" Target="sharedStrings.xml"/>` +
      sheets.map((_, i) => `<Relationship Id="rId${i + 3}" Type="${ns.r}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      '</Relationships>';
    const contentTypes =
      xmlDeclaration +
      contentTypesXml(
        [],
        [
          ['/xl/workbook.xml', `${sml}.sheet.main+xml`],
          ...sheets.map((_, i) => [`/xl/worksheets/sheet${i + 1}.xml`, `${sml}.worksheet+xml`] as const),
          ['/xl/styles.xml', `${sml}.styles+xml`],
          ['/xl/sharedStrings.xml', `${sml}.sharedStrings+xml`],
        ],
      );
    const rootRels = xmlDeclaration + packageRelsXml('xl/workbook.xml');
    const core = xmlDeclaration + corePropertiesXml(new Date(), { title: this.title || undefined });
    const app = xmlDeclaration + appPropertiesXml;
    const sheetParts = sheets.map((sheet, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, data: sheet.xml(i === firstVisible) }));
    return [
      { name: '[Content_Types].xml', data: contentTypes },
      { name: '_rels/.rels', data: rootRels, constant: true },
      { name: 'docProps/core.xml', data: core },
      { name: 'docProps/app.xml', data: app, constant: true },
      { name: 'xl/workbook.xml', data: workbook },
      { name: 'xl/_rels/workbook.xml.rels', data: workbookRels },
      { name: 'xl/styles.xml', data: this.styles.xml() },
      { name: 'xl/sharedStrings.xml', data: this.strings.xml() },
      ...sheetParts,
    ];
  }

  toBuffer(): Promise<Buffer> {
    return writeZipAsync(this.parts());
  }
}
