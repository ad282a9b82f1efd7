import { UserError } from './errors';
import type { DocumentKind } from './region-template';

/**
 * The document model (文档模型): each official document is described once — paragraphs, tables with merged
 * cells, page breaks, fonts and sizes by their Chinese names — and written both to .docx (core/documents/docx)
 * and to the HTML print view (shared/documents/html), so that what the user previews is what Word opens.
 * Pure data: the renderer renders the print view from the same model. Lengths are in millimetres.
 */

/** Sizes by their Chinese names, in points (二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt …). */
export const fontSizePt = {
  初号: 42,
  小初: 36,
  一号: 26,
  小一: 24,
  二号: 22,
  小二: 18,
  三号: 16,
  小三: 15,
  四号: 14,
  小四: 12,
  五号: 10.5,
  小五: 9,
} as const;
export type FontSizeName = keyof typeof fontSizePt;

/** 宋体, 黑体, 仿宋_GB2312, 楷体_GB2312. */
export type FontFamily = 'song' | 'hei' | 'fangsong' | 'kai';

/**
 * How each family is named: the East Asian font (the name Word and WPS know it by), the Latin font set beside
 * it for digits and letters, and the CSS stack the print view uses, with the names these fonts have on
 * Windows, macOS and Linux (where LibreOffice and Chromium fall back to Noto CJK).
 */
export const fontFaces: Record<FontFamily, { eastAsia: string; latin: string; css: string[] }> = {
  song: {
    eastAsia: '宋体',
    latin: 'Times New Roman',
    css: ['Times New Roman', 'SimSun', '宋体', 'Songti SC', 'STSong', 'Noto Serif CJK SC', 'Source Han Serif SC', 'serif'],
  },
  hei: {
    eastAsia: '黑体',
    latin: 'Times New Roman',
    css: ['Times New Roman', 'SimHei', '黑体', 'Heiti SC', 'STHeiti', 'Noto Sans CJK SC', 'Source Han Sans SC', 'sans-serif'],
  },
  fangsong: {
    eastAsia: '仿宋_GB2312',
    latin: 'Times New Roman',
    css: ['Times New Roman', '仿宋_GB2312', 'FangSong_GB2312', 'FangSong', '仿宋', 'STFangsong', 'Noto Serif CJK SC', 'serif'],
  },
  kai: {
    eastAsia: '楷体_GB2312',
    latin: 'Times New Roman',
    css: ['Times New Roman', '楷体_GB2312', 'KaiTi_GB2312', 'KaiTi', '楷体', 'STKaiti', 'Noto Serif CJK SC', 'serif'],
  },
};

export interface TextStyle {
  font?: FontFamily;
  size?: FontSizeName;
  bold?: boolean;
  underline?: boolean;
  /** Hex colour without '#', e.g. '666666' for hints; black when absent. */
  color?: string;
}

/** Text; '\n' inside it is a line break within the paragraph. */
export interface TextInline extends TextStyle {
  kind: 'text';
  text: string;
  /**
   * Never broken across lines (an 18-digit 身份证号, a phone number): the print view keeps it on one line and
   * the builders give its column room for it, since Word breaks a too-long run of digits anywhere.
   */
  noWrap?: boolean;
}

/** A check box as printed on a form: ☑ when checked, ☐ when not. */
export interface CheckboxInline extends TextStyle {
  kind: 'checkbox';
  checked: boolean;
}

/** A picture the user added (a data: URL of a PNG, JPEG, GIF or BMP), at most `maxImageBytes`. */
export interface ImageInline {
  kind: 'image';
  dataUrl: string;
  widthMm: number;
  heightMm: number;
  /** Said by screen readers and shown by Word when the picture cannot be drawn. */
  alt: string;
}

export type Inline = TextInline | CheckboxInline | ImageInline;

export type Align = 'left' | 'center' | 'right' | 'justify' | 'distribute';

/** Word's line spacing: a multiple of single spacing (1.5 倍行距), or a fixed height in points (固定值). */
export type LineSpacing = { multiple: number } | { exactPt: number };

export interface ParagraphBlock {
  kind: 'paragraph';
  runs: Inline[];
  /** The style of runs that do not set their own. */
  style?: TextStyle;
  align?: Align;
  /** First-line indent in characters of the paragraph's size (首行缩进 2 字符). */
  firstLineChars?: number;
  indentLeftMm?: number;
  spaceBeforePt?: number;
  spaceAfterPt?: number;
  lineSpacing?: LineSpacing;
  /** Keeps the paragraph on the page of the next block (headings). */
  keepWithNext?: boolean;
  /** Starts the paragraph on a new page. */
  pageBreakBefore?: boolean;
  /** 0 for a document's title, 1–2 for its headings: Word's navigation pane and PDF bookmarks use it. */
  outlineLevel?: 0 | 1 | 2;
}

export interface CellBorders {
  top?: boolean;
  bottom?: boolean;
  left?: boolean;
  right?: boolean;
}

export interface TableCell {
  blocks: ParagraphBlock[];
  colSpan?: number;
  rowSpan?: number;
  vAlign?: 'top' | 'center' | 'bottom';
  /** Overrides the table's borders on some sides (cover pages underline value cells of a borderless table). */
  borders?: CellBorders;
}

export interface TableRow {
  /** Only the cells that start in this row, as in HTML: a cell merged down from above is not repeated. */
  cells: TableCell[];
  minHeightMm?: number;
  /**
   * Rows are kept on one page (cantSplit) unless this is set: long free text (500 字 goals, CVs) must flow
   * across pages inside its cell rather than be pushed whole to the next page or cut.
   */
  allowSplit?: boolean;
  /** Keeps this row on the page of the next one (a section title row with its first line). */
  keepWithNext?: boolean;
}

export interface TableBlock {
  kind: 'table';
  /** Explicit width of each grid column: WPS ignores tables without them. */
  columnsMm: number[];
  rows: TableRow[];
  /** The first N rows repeat at the top of every page the table runs onto. */
  headerRows?: number;
  borders: 'grid' | 'none';
  /**
   * The table continues the one just above it: no top border, and nothing between them, so that a form made
   * of several tables (each with its own repeated header) reads as one.
   */
  joinAbove?: boolean;
  /** Style of the cells' text where a paragraph sets none. */
  style?: TextStyle;
}

export interface PageBreakBlock {
  kind: 'pageBreak';
}

export type Block = ParagraphBlock | TableBlock | PageBreakBlock;

export interface PageMargins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * A run of pages with the same margins (A4 portrait). Page numbers ("- 1 -" at the foot) restart at 1, carry on
 * from the section before, or are not printed (covers).
 */
export interface Section {
  marginsMm: PageMargins;
  pageNumbers: 'none' | 'restart' | 'continue';
  /** Centres the content vertically on the page (a cover). */
  verticalAlign?: 'top' | 'center';
  blocks: Block[];
}

export interface DocumentModel {
  /** Which document, or the whole package printed in one go. */
  kind: DocumentKind | 'package';
  /** The document's title, for the window, the file and the PDF's metadata. */
  title: string;
  /** The style of text that sets none. */
  baseStyle: { font: FontFamily; size: FontSizeName };
  sections: Section[];
}

/** A4 in millimetres. */
export const pageSizeMm = { width: 210, height: 297 } as const;

/**
 * GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm. Every document of a package uses it, forms
 * included, so that the package printed in one go has one set of margins.
 */
export const officialMargins: PageMargins = { top: 37, bottom: 35, left: 28, right: 26 };

export function textWidthMm(margins: PageMargins): number {
  return pageSizeMm.width - margins.left - margins.right;
}

/** 「实施方案……图片大小在100k以内」 */
export const maxImageBytes = 100 * 1024;

const imageDataUrlPattern = /^data:image\/(png|jpeg|jpg|gif|bmp);base64,([A-Za-z0-9+/=\s]+)$/;

/** The format and decoded size of an image data URL, or null when it is not one we can put in a document. */
export function imageDataUrlInfo(dataUrl: string): { format: 'png' | 'jpg' | 'gif' | 'bmp'; bytes: number } | null {
  const match = imageDataUrlPattern.exec(dataUrl);
  if (!match) return null;
  const base64 = match[2].replace(/\s+/g, '');
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  const format = match[1] === 'jpeg' ? 'jpg' : (match[1] as 'png' | 'jpg' | 'gif' | 'bmp');
  return { format, bytes: Math.floor((base64.length * 3) / 4) - padding };
}

/** An image inline, refused when it is not a picture or is over 100 KB (the 实施方案's own limit). */
export function imageInline(dataUrl: string, widthMm: number, heightMm: number, alt: string): ImageInline {
  const info = imageDataUrlInfo(dataUrl);
  if (!info) {
    throw new UserError('image.format', '图片格式不支持，请使用 PNG、JPG、GIF 或 BMP 图片。', `not an image data URL: ${dataUrl.slice(0, 40)}`);
  }
  if (info.bytes > maxImageBytes) {
    throw new UserError(
      'image.tooLarge',
      `图片「${alt}」大小为 ${Math.ceil(info.bytes / 1024)} KB，超过实施方案要求的 100 KB，请压缩后再插入。`,
      `image ${alt} is ${info.bytes} bytes; limit ${maxImageBytes}`,
    );
  }
  return { kind: 'image', dataUrl, widthMm, heightMm, alt };
}

/** The text a check box prints as, in both outputs. */
export function checkboxChar(checked: boolean): string {
  return checked ? '☑' : '☐';
}

/** The footer text of page N as GB/T 9704 writes it, the number between two 一字线: 「— 1 —」. */
export function pageNumberText(page: number | string): string {
  return `— ${page} —`;
}

/**
 * The width `text` set in `sizePt` takes in a table cell, with Word's cell margins: a column at least this wide
 * never wraps its header (序号, 骑缝章) or its number. A Chinese character is one em; a digit or Latin letter is
 * counted at 0.64 em, the width of the widest font a machine without Times New Roman falls back to (DejaVu
 * Serif; Times New Roman's digits are 0.5 em), so that an 18-digit number fits wherever it is opened.
 */
export function cellWidthForMm(text: string, sizePt: number): number {
  let ems = 0;
  for (const ch of text) ems += /[\x20-\x7e]/.test(ch) ? 0.64 : 1;
  return Math.ceil(((ems * sizePt * 25.4) / 72 + 2 * 1.9 + 0.4) * 2) / 2;
}

/** All the text of a model, in order: for tests and for searching a document without rendering it. */
export function plainText(model: DocumentModel): string {
  const out: string[] = [];
  const inline = (run: Inline) => (run.kind === 'text' ? run.text : run.kind === 'checkbox' ? checkboxChar(run.checked) : '');
  const block = (b: Block) => {
    if (b.kind === 'paragraph') out.push(b.runs.map(inline).join(''));
    else if (b.kind === 'table') for (const row of b.rows) for (const cell of row.cells) cell.blocks.forEach(block);
  };
  for (const section of model.sections) section.blocks.forEach(block);
  return out.join('\n');
}
