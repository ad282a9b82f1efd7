import type {
  Block,
  CellBorders,
  DocumentModel,
  FontFamily,
  Inline,
  LineSpacing,
  ParagraphBlock,
  Section,
  TableBlock,
  TableCell,
  TableRow,
  TextStyle,
} from '../document-model';
import { checkboxChar, fontFaces, fontSizePt, pageSizeMm } from '../document-model';

/**
 * DocumentModel → a self-contained HTML print view: the in-app preview (an iframe's srcdoc), printing
 * (Electron's webContents.print, or the browser's own) and PDF (printToPDF). A4 pages with each section's
 * margins as named @page rules, the same fonts, sizes and column widths as the .docx, page breaks, repeated
 * table headers, and 「— 1 —」 page numbers in the page's foot (GB/T 9704). Every user string is escaped.
 */

/** Word's single line spacing is about 1.3 times the font size for 宋体; multiples scale from there. */
const singleLineEm = 1.3;

/** Word's default cell margins, 0.19 cm left and right. */
const cellPaddingMm = 1.9;

/** Word's thin table line (sz 4, half a point). */
const rule = '0.5pt solid #000';

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function fontStack(font: FontFamily): string {
  return fontFaces[font].css.map((name) => (/^[a-z-]+$/.test(name) ? name : `'${name}'`)).join(', ');
}

function styleCss(style: TextStyle): string[] {
  const css: string[] = [];
  if (style.font) css.push(`font-family: ${fontStack(style.font)}`);
  if (style.size) css.push(`font-size: ${fontSizePt[style.size]}pt`);
  if (style.bold !== undefined) css.push(`font-weight: ${style.bold ? 'bold' : 'normal'}`);
  if (style.underline) css.push('text-decoration: underline');
  if (style.color && /^[0-9a-fA-F]{6}$/.test(style.color)) css.push(`color: #${style.color}`);
  return css;
}

function lineHeight(spacing: LineSpacing | undefined): string | null {
  if (!spacing) return null;
  if ('multiple' in spacing) return String(Math.round(spacing.multiple * singleLineEm * 100) / 100);
  return `${spacing.exactPt}pt`;
}

function inlineHtml(run: Inline): string {
  switch (run.kind) {
    case 'text': {
      const css = styleCss(run);
      if (run.noWrap) css.push('white-space: nowrap');
      const content = escapeHtml(run.text).replace(/\n/g, '<br>');
      return css.length > 0 ? `<span style="${css.join('; ')}">${content}</span>` : content;
    }
    case 'checkbox': {
      const css = styleCss(run);
      return `<span class="checkbox"${css.length > 0 ? ` style="${css.join('; ')}"` : ''}>${checkboxChar(run.checked)}</span>`;
    }
    case 'image':
      return `<img src="${escapeHtml(run.dataUrl)}" alt="${escapeHtml(run.alt)}" style="width: ${run.widthMm}mm; height: ${run.heightMm}mm">`;
  }
}

function paragraphHtml(block: ParagraphBlock): string {
  const css = styleCss(block.style ?? {});
  if (block.align === 'distribute') css.push('text-align: justify', 'text-align-last: justify');
  else if (block.align) css.push(`text-align: ${block.align}`);
  if (block.firstLineChars) css.push(`text-indent: ${block.firstLineChars}em`);
  if (block.indentLeftMm) css.push(`padding-left: ${block.indentLeftMm}mm`);
  // Padding, not margin: Word adds the space after one paragraph to the space before the next; CSS margins would collapse.
  if (block.spaceBeforePt) css.push(`padding-top: ${block.spaceBeforePt}pt`);
  if (block.spaceAfterPt) css.push(`padding-bottom: ${block.spaceAfterPt}pt`);
  const height = lineHeight(block.lineSpacing);
  if (height) css.push(`line-height: ${height}`);
  if (block.keepWithNext) css.push('break-after: avoid');
  if (block.pageBreakBefore) css.push('break-before: page');
  const tag = block.outlineLevel === 0 ? 'h1' : block.outlineLevel === 1 ? 'h2' : block.outlineLevel === 2 ? 'h3' : 'p';
  // An empty paragraph still takes a line, as in Word: a zero-width space gives it one.
  const content = block.runs.length === 0 ? '&#8203;' : block.runs.map(inlineHtml).join('');
  return `<${tag}${css.length > 0 ? ` style="${css.join('; ')}"` : ''}>${content}</${tag}>`;
}

function bordersCss(table: TableBlock, cell: TableCell, firstRow: boolean): string[] {
  const base: CellBorders =
    table.borders === 'grid' ? { top: true, bottom: true, left: true, right: true } : { top: false, bottom: false, left: false, right: false };
  const sides = { ...base, ...cell.borders };
  if (firstRow && table.joinAbove) sides.top = false;
  return (['top', 'bottom', 'left', 'right'] as const).map((side) => `border-${side}: ${sides[side] ? rule : 'none'}`);
}

function cellHtml(table: TableBlock, cell: TableCell, firstRow: boolean, widthMm: number): string {
  const attrs: string[] = [];
  if (cell.colSpan && cell.colSpan > 1) attrs.push(`colspan="${cell.colSpan}"`);
  if (cell.rowSpan && cell.rowSpan > 1) attrs.push(`rowspan="${cell.rowSpan}"`);
  const css = [...bordersCss(table, cell, firstRow), `vertical-align: ${cell.vAlign === 'center' ? 'middle' : (cell.vAlign ?? 'top')}`];
  css.push(`width: ${round(widthMm)}mm`);
  return `<td ${attrs.join(' ')} style="${css.join('; ')}">${cell.blocks.map(paragraphHtml).join('')}</td>`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The grid column each cell starts in, so that a cell's width is the sum of the columns it spans. */
function cellWidths(table: TableBlock): number[][] {
  const occupied: boolean[][] = table.rows.map(() => []);
  return table.rows.map((row, r) => {
    let column = 0;
    return row.cells.map((cell) => {
      while (occupied[r][column]) column++;
      const span = cell.colSpan ?? 1;
      const width = table.columnsMm.slice(column, column + span).reduce((a, b) => a + b, 0);
      for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++) {
        for (let dc = 0; dc < span; dc++) {
          if (occupied[r + dr]) occupied[r + dr][column + dc] = true;
        }
      }
      column += span;
      return width;
    });
  });
}

function rowHtml(table: TableBlock, row: TableRow, index: number, widths: number[]): string {
  const css: string[] = [];
  if (row.minHeightMm) css.push(`height: ${row.minHeightMm}mm`);
  css.push(`break-inside: ${row.allowSplit ? 'auto' : 'avoid'}`);
  if (row.keepWithNext) css.push('break-after: avoid');
  const cells = row.cells.map((cell, i) => cellHtml(table, cell, index === 0, widths[i])).join('');
  return `<tr style="${css.join('; ')}">${cells}</tr>`;
}

function tableHtml(table: TableBlock): string {
  const width = table.columnsMm.reduce((a, b) => a + b, 0);
  const widths = cellWidths(table);
  const headerCount = Math.min(table.headerRows ?? 0, table.rows.length);
  const rows = table.rows.map((row, index) => rowHtml(table, row, index, widths[index]));
  const css = [`width: ${round(width)}mm`, ...styleCss(table.style ?? {})];
  const cols = table.columnsMm.map((mm) => `<col style="width: ${round(mm)}mm">`).join('');
  const head = headerCount > 0 ? `<thead>${rows.slice(0, headerCount).join('')}</thead>` : '';
  return `<table class="${table.borders}" style="${css.join('; ')}"><colgroup>${cols}</colgroup>${head}<tbody>${rows.slice(headerCount).join('')}</tbody></table>`;
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return paragraphHtml(block);
    case 'table':
      return tableHtml(block);
    case 'pageBreak':
      return '<div class="page-break"></div>';
  }
}

/** The counter that numbers each section's pages: a new one where numbering restarts, the last one where it continues. */
function pageCounters(sections: Section[]): (string | null)[] {
  let current: string | null = null;
  let count = 0;
  return sections.map((section) => {
    if (section.pageNumbers === 'none') return null;
    if (section.pageNumbers === 'restart' || current === null) current = `pn${count++}`;
    return current;
  });
}

export interface HtmlOptions {
  /** Adds `window.print()` once the page has loaded: the browser host's print, where there is no Electron. */
  printOnLoad?: boolean;
}

export function renderHtml(model: DocumentModel, options: HtmlOptions = {}): string {
  const counters = pageCounters(model.sections);
  const pageRules: string[] = [];
  const screenRules: string[] = [];
  model.sections.forEach((section, index) => {
    const m = section.marginsMm;
    const counter = counters[index];
    // Page numbers count the section's own pages (a counter per numbering run, incremented per page), so a
    // document printed inside the package still starts at 「- 1 -」, as in its own .docx.
    // GB/T 9704: 「— N —」, odd (right-hand) pages on the right and even pages on the left, one character in.
    const number = (box: string, pad: string) =>
      `@${box} { content: "— " counter(${counter}) " —"; font-family: ${fontStack('song')}; font-size: ${fontSizePt['四号']}pt; vertical-align: top; padding-top: 4mm; ${pad}: 1em; }`;
    pageRules.push(`@page s${index} { size: A4; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm;${counter ? ` counter-increment: ${counter};` : ''} }`);
    if (counter) {
      pageRules.push(`@page s${index}:right { ${number('bottom-right', 'padding-right')} }`);
      pageRules.push(`@page s${index}:left { ${number('bottom-left', 'padding-left')} }`);
    }
    pageRules.push(`.s${index} { page: s${index}; }`);
    screenRules.push(`.s${index} { padding: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; }`);
    screenRules.push(`.s${index} .page-break { margin-left: -${m.left}mm; margin-right: -${m.right}mm; }`);
  });
  const base = model.baseStyle;
  const css = `
@page { size: A4; margin: 0; }
${pageRules.join('\n')}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${fontStack(base.font)}; font-size: ${fontSizePt[base.size]}pt; line-height: ${singleLineEm}; color: #000; }
p, h1, h2, h3 { margin: 0; font-weight: normal; font-size: inherit; orphans: 2; widows: 2; }
table { border-collapse: collapse; table-layout: fixed; margin: 0; }
td { padding: 0 ${cellPaddingMm}mm; overflow-wrap: anywhere; }
.checkbox { font-family: 'Segoe UI Symbol', 'MS Gothic', 'DejaVu Sans', 'Noto Sans CJK SC', sans-serif; }
img { display: inline-block; }
@media print {
  .section + .section { break-before: page; }
  .page-break { break-after: page; height: 0; }
}
@media screen {
  html { background: #8c8c8c; }
  body { padding: 8mm 0; }
  .section { background: #fff; width: ${pageSizeMm.width}mm; min-height: ${pageSizeMm.height}mm; margin: 0 auto 8mm; box-shadow: 0 1px 6px rgba(0, 0, 0, 0.45); }
  .page-break { border-top: 1px dashed #9a9a9a; margin-top: 8mm; margin-bottom: 8mm; }
  ${screenRules.join('\n  ')}
}`;
  const sections = model.sections
    .map((section, index) => `<div class="section s${index}">${section.blocks.map(blockHtml).join('\n')}</div>`)
    .join('\n');
  const script = options.printOnLoad ? '<script>window.addEventListener("load", () => window.print());</script>' : '';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(model.title)}</title>
<style>${css}
</style>
</head>
<body>
${sections}
${script}
</body>
</html>
`;
}
