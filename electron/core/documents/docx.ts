import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignSection,
  VerticalAlignTable,
  WidthType,
  type IBorderOptions,
  type ISectionOptions,
  type ITableCellBorders,
  type ParagraphChild,
} from 'docx';
import type {
  Align,
  Block,
  DocumentModel,
  FontFamily,
  Inline,
  ParagraphBlock,
  Section,
  TableBlock,
  TableCell as ModelCell,
  TextStyle,
} from '../../shared/document-model';
import { checkboxChar, fontFaces, fontSizePt, imageDataUrlInfo, pageNumberText, pageSizeMm } from '../../shared/document-model';
import { stripXmlInvalid } from '../../shared/validation/sanitize';

/**
 * DocumentModel → .docx with the `docx` package. Chinese fonts go in the East Asian slot with a Latin font beside
 * them; every table has explicit column widths, fixed layout and cell widths (WPS ignores tables without); header
 * rows repeat; rows do not split unless the model allows it (long free text); page numbers 「- 1 -」 are a PAGE
 * field in the footer, restarting where the model says.
 */

const twipsPerMm = 1440 / 25.4;
const twips = (mm: number): number => Math.round(mm * twipsPerMm);
const pxPerMm = 96 / 25.4;

/** Word's default cell margins: 0.19 cm left and right, none above and below. */
const cellMarginTwips = 108;

const thinLine: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const noLine: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'auto' };

function runFont(font: FontFamily) {
  const face = fontFaces[font];
  // The hint makes Word use the East Asian font for characters both slots could show (“”、…) as Chinese text does.
  return { ascii: face.latin, hAnsi: face.latin, cs: face.latin, eastAsia: face.eastAsia, hint: 'eastAsia' };
}

function runProps(style: TextStyle) {
  return {
    ...(style.font ? { font: runFont(style.font) } : {}),
    ...(style.size ? { size: fontSizePt[style.size] * 2 } : {}),
    ...(style.bold !== undefined ? { bold: style.bold } : {}),
    ...(style.underline ? { underline: {} } : {}),
    ...(style.color && /^[0-9a-fA-F]{6}$/.test(style.color) ? { color: style.color } : {}),
  };
}

const alignments: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.BOTH,
  distribute: AlignmentType.DISTRIBUTE,
};

function inlineChildren(run: Inline, paragraphStyle: TextStyle): ParagraphChild[] {
  switch (run.kind) {
    case 'text': {
      const props = runProps({ ...paragraphStyle, ...run });
      // Text from the user may carry characters XML cannot hold; they are dropped rather than break the file.
      return stripXmlInvalid(run.text)
        .split('\n')
        .map((part, index) => new TextRun({ text: part, break: index > 0 ? 1 : undefined, ...props }));
    }
    case 'checkbox': {
      const props = runProps({ ...paragraphStyle, ...run });
      const symbol = 'Segoe UI Symbol';
      return [
        new TextRun({ ...props, text: checkboxChar(run.checked), font: { ascii: symbol, hAnsi: symbol, eastAsia: symbol, cs: symbol } }),
      ];
    }
    case 'image': {
      const info = imageDataUrlInfo(run.dataUrl);
      if (!info) return [];
      const data = Buffer.from(run.dataUrl.slice(run.dataUrl.indexOf(',') + 1), 'base64');
      return [
        new ImageRun({
          type: info.format,
          data,
          transformation: { width: Math.round(run.widthMm * pxPerMm), height: Math.round(run.heightMm * pxPerMm) },
          altText: { name: run.alt, description: run.alt, title: run.alt },
        }),
      ];
    }
  }
}

function paragraphOf(block: ParagraphBlock, inherited: TextStyle, extra: { pageBreakBefore?: boolean } = {}): Paragraph {
  const style: TextStyle = { ...inherited, ...block.style };
  const sizePt = fontSizePt[style.size ?? '小四'];
  const spacing: { before?: number; after?: number; line?: number; lineRule?: (typeof LineRuleType)[keyof typeof LineRuleType] } = {
    before: Math.round((block.spaceBeforePt ?? 0) * 20),
    after: Math.round((block.spaceAfterPt ?? 0) * 20),
  };
  if (block.lineSpacing) {
    if ('multiple' in block.lineSpacing) {
      spacing.line = Math.round(240 * block.lineSpacing.multiple);
      spacing.lineRule = LineRuleType.AUTO;
    } else {
      spacing.line = Math.round(block.lineSpacing.exactPt * 20);
      spacing.lineRule = LineRuleType.EXACT;
    }
  }
  const indent =
    block.firstLineChars || block.indentLeftMm
      ? {
          ...(block.firstLineChars
            ? { firstLine: Math.round(block.firstLineChars * sizePt * 20), firstLineChars: Math.round(block.firstLineChars * 100) }
            : {}),
          ...(block.indentLeftMm ? { left: twips(block.indentLeftMm) } : {}),
        }
      : undefined;
  return new Paragraph({
    children: block.runs.flatMap((run) => inlineChildren(run, style)),
    alignment: block.align ? alignments[block.align] : undefined,
    spacing,
    indent,
    keepNext: block.keepWithNext || undefined,
    pageBreakBefore: block.pageBreakBefore || extra.pageBreakBefore || undefined,
    outlineLevel: block.outlineLevel,
    // The paragraph mark carries the style too, so an empty line is as tall as the text around it.
    run: runProps(style),
  });
}

/** A paragraph of one point: what Word needs between two tables to keep them apart, and no more. */
function hairline(pageBreakBefore = false): Paragraph {
  return new Paragraph({
    children: [],
    spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT },
    run: { size: 2 },
    pageBreakBefore: pageBreakBefore || undefined,
  });
}

function cellBorders(table: TableBlock, cell: ModelCell, firstRow: boolean): ITableCellBorders | undefined {
  const sides: ITableCellBorders = {};
  const set = (side: 'top' | 'bottom' | 'left' | 'right', on: boolean | undefined) => {
    if (on === undefined) return;
    (sides as Record<string, IBorderOptions>)[side] = on ? thinLine : noLine;
  };
  set('top', cell.borders?.top);
  set('bottom', cell.borders?.bottom);
  set('left', cell.borders?.left);
  set('right', cell.borders?.right);
  if (firstRow && table.joinAbove) set('top', false);
  return Object.keys(sides).length > 0 ? sides : undefined;
}

const verticalAligns = {
  top: VerticalAlignTable.TOP,
  center: VerticalAlignTable.CENTER,
  bottom: VerticalAlignTable.BOTTOM,
} as const;

function tableOf(table: TableBlock, inherited: TextStyle): Table {
  const style: TextStyle = { ...inherited, ...table.style };
  const columnTwips = table.columnsMm.map(twips);
  const total = columnTwips.reduce((a, b) => a + b, 0);
  // Which grid column each cell starts in, so its width is the sum of the columns it spans.
  const occupied: boolean[][] = table.rows.map(() => []);
  const rows = table.rows.map((row, r) => {
    let column = 0;
    const cells = row.cells.map((cell) => {
      while (occupied[r][column]) column++;
      const span = cell.colSpan ?? 1;
      for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++) {
        for (let dc = 0; dc < span; dc++) if (occupied[r + dr]) occupied[r + dr][column + dc] = true;
      }
      const width = columnTwips.slice(column, column + span).reduce((a, b) => a + b, 0);
      column += span;
      return new TableCell({
        children: cell.blocks.map((block) => paragraphOf(block, style)),
        width: { size: width, type: WidthType.DXA },
        columnSpan: span > 1 ? span : undefined,
        rowSpan: cell.rowSpan && cell.rowSpan > 1 ? cell.rowSpan : undefined,
        verticalAlign: verticalAligns[cell.vAlign ?? 'top'],
        borders: cellBorders(table, cell, r === 0),
      });
    });
    return new TableRow({
      children: cells,
      tableHeader: r < (table.headerRows ?? 0) || undefined,
      cantSplit: !row.allowSplit,
      keepNext: row.keepWithNext || undefined,
      height: row.minHeightMm ? { value: twips(row.minHeightMm), rule: HeightRule.ATLEAST } : undefined,
    });
  });
  const line = table.borders === 'grid' ? thinLine : noLine;
  return new Table({
    rows,
    columnWidths: columnTwips,
    width: { size: total, type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    margins: { left: cellMarginTwips, right: cellMarginTwips, top: 0, bottom: 0 },
    borders: {
      top: table.joinAbove ? noLine : line,
      bottom: line,
      left: line,
      right: line,
      insideHorizontal: line,
      insideVertical: line,
    },
  });
}

function sectionChildren(section: Section, base: TextStyle): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  let breakPending = false;
  let previous: Block | null = null;
  for (const block of section.blocks) {
    if (block.kind === 'pageBreak') {
      breakPending = true;
      continue;
    }
    if (block.kind === 'paragraph') {
      out.push(paragraphOf(block, base, { pageBreakBefore: breakPending }));
    } else {
      // Two tables in a row would be merged by Word: a hairline paragraph keeps them apart (and carries a page break).
      if (breakPending || previous?.kind === 'table') out.push(hairline(breakPending));
      out.push(tableOf(block, base));
    }
    breakPending = false;
    previous = block;
  }
  if (breakPending) out.push(hairline(true));
  return out;
}

function pageNumberFooter(): Footer {
  const [before, after] = pageNumberText('\u0000').split('\u0000');
  const props = runProps({ font: 'song', size: '四号' });
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ ...props, children: [before, PageNumber.CURRENT, after] })],
      }),
    ],
  });
}

export function docxSections(model: DocumentModel): ISectionOptions[] {
  const base: TextStyle = model.baseStyle;
  return model.sections.map((section) => {
    const m = section.marginsMm;
    return {
      properties: {
        page: {
          size: { width: twips(pageSizeMm.width), height: twips(pageSizeMm.height) },
          margin: {
            top: twips(m.top),
            bottom: twips(m.bottom),
            left: twips(m.left),
            right: twips(m.right),
            header: twips(15),
            // The number sits about 7 mm below the text, as GB/T 9704 places it.
            footer: twips(Math.max(10, m.bottom - 14)),
            gutter: 0,
          },
          pageNumbers: section.pageNumbers === 'restart' ? { start: 1 } : undefined,
        },
        verticalAlign: section.verticalAlign === 'center' ? VerticalAlignSection.CENTER : undefined,
      },
      // Every section names its footer: in Word a section without one would take the previous section's page numbers.
      footers: { default: section.pageNumbers === 'none' ? new Footer({ children: [new Paragraph({ children: [] })] }) : pageNumberFooter() },
      children: sectionChildren(section, base),
    };
  });
}

export async function writeDocx(model: DocumentModel): Promise<Buffer> {
  const document = new Document({
    creator: '联合体申报助手',
    title: model.title,
    styles: {
      default: {
        document: {
          run: { ...runProps(model.baseStyle), language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
      },
    },
    sections: docxSections(model),
  });
  return Packer.toBuffer(document);
}
