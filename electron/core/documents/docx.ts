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
import { appPropertiesXml, contentTypesXml, corePropertiesXml, packageRelsXml } from './package-parts';
import { esc } from './xml-escape';
import { writeZipAsync, type ZipEntry } from './zip-writer';

/**
 * DocumentModel → .docx, written directly as WordprocessingML strings and zipped with Node's zlib (the `docx`
 * package's object tree cost 2/3 of an export and much of its GC). Chinese fonts go in the East Asian slot with a
 * Latin font beside them; each distinct text style of a paragraph is a named paragraph style in styles.xml, so
 * runs in that style carry no formatting of their own; every table has explicit column widths, fixed layout and
 * cell widths (WPS ignores tables without); header rows repeat; rows do not split unless the model allows it
 * (long free text); page numbers 「— 1 —」 are a PAGE field in the footer (odd pages right, even left, as GB/T 9704
 * has them), restarting where the model says.
 */

const twipsPerMm = 1440 / 25.4;
const twips = (mm: number): number => Math.round(mm * twipsPerMm);
const pxPerMm = 96 / 25.4;
const emuPerPx = 9525;

/** Pieces of XML gathered before they are encoded (see Writer.flush): some tens of kilobytes. */
const flushPieces = 4096;

/** Where the encoded document.xml starts: a small form fits; a large one doubles it a few times. */
const initialDocumentBytes = 256 * 1024;

/** Word's default cell margins: 0.19 cm left and right, none above and below. */
const cellMarginTwips = 108;

const ns = {
  w: 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  wp: 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  pic: 'http://schemas.openxmlformats.org/drawingml/2006/picture',
  rel: 'http://schemas.openxmlformats.org/package/2006/relationships',
  officeRel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
} as const;
const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

/** A text style with every property decided, as Word ends up showing it. */
interface ResolvedStyle {
  font: FontFamily;
  halfPoints: number;
  bold: boolean;
  underline: boolean;
  color: string | null;
}

function resolve(style: TextStyle, base: DocumentModel['baseStyle']): ResolvedStyle {
  return {
    font: style.font ?? base.font,
    halfPoints: fontSizePt[style.size ?? base.size] * 2,
    bold: !!style.bold,
    underline: !!style.underline,
    color: style.color && /^[0-9a-fA-F]{6}$/.test(style.color) ? style.color.toUpperCase() : null,
  };
}

/** Whether a run sets any text property itself (even to undefined, which a spread over the paragraph's style would apply). */
const hasOwnStyle = (run: TextStyle): boolean => 'font' in run || 'size' in run || 'bold' in run || 'underline' in run || 'color' in run;

const styleKey = (s: ResolvedStyle): string => `${s.font}|${s.halfPoints}|${s.bold ? 1 : 0}|${s.underline ? 1 : 0}|${s.color ?? ''}`;

function fontsXml(font: FontFamily): string {
  const face = fontFaces[font];
  // The hint makes Word use the East Asian font for characters both slots could show (“”、…) as Chinese text does.
  return `<w:rFonts w:ascii="${face.latin}" w:cs="${face.latin}" w:eastAsia="${face.eastAsia}" w:hAnsi="${face.latin}" w:hint="eastAsia"/>`;
}

const symbolFont = 'Segoe UI Symbol';
const symbolFontsXml = `<w:rFonts w:ascii="${symbolFont}" w:cs="${symbolFont}" w:eastAsia="${symbolFont}" w:hAnsi="${symbolFont}"/>`;

/** The run properties of `s`, in schema order; with `over`, only those that differ from it (off written as off). */
function rPrBody(s: ResolvedStyle, over?: ResolvedStyle, fonts = true): string {
  let out = '';
  if (fonts && (!over || over.font !== s.font)) out += fontsXml(s.font);
  if (s.bold ? !over?.bold : over?.bold) out += s.bold ? '<w:b/><w:bCs/>' : '<w:b w:val="0"/><w:bCs w:val="0"/>';
  if (over ? over.color !== s.color : s.color) out += `<w:color w:val="${s.color ?? 'auto'}"/>`;
  if (!over || over.halfPoints !== s.halfPoints) out += `<w:sz w:val="${s.halfPoints}"/><w:szCs w:val="${s.halfPoints}"/>`;
  if (s.underline ? !over?.underline : over?.underline) out += `<w:u w:val="${s.underline ? 'single' : 'none'}"/>`;
  return out;
}

const alignments: Record<Align, string> = { left: 'left', center: 'center', right: 'right', justify: 'both', distribute: 'distribute' };
const alignmentXml = Object.fromEntries(
  Object.entries(alignments).map(([align, value]) => [align, `<w:jc w:val="${value}"/>`]),
) as Record<Align, string>;
/** 0 stands for no alignment of its own. */
const alignIndex: Record<Align, number> = { left: 1, center: 2, right: 3, justify: 4, distribute: 5 };
const verticalAligns = { top: 'top', center: 'center', bottom: 'bottom' } as const;

type BorderSide = 'top' | 'left' | 'bottom' | 'right';
const lineXml = (side: string, on: boolean): string =>
  on ? `<w:${side} w:val="single" w:color="000000" w:sz="4"/>` : `<w:${side} w:val="none" w:color="auto" w:sz="0"/>`;

/** A paragraph's text style over the one it inherits, resolved, with the start of the properties that name it. */
interface StyledParagraph {
  textStyle: TextStyle;
  resolved: ResolvedStyle;
  pPrOpen: string;
  /** The whole opening of a paragraph without spacing or indents, by alignment and breaks (see paragraph). */
  openings: string[];
}

type ParagraphExtra = { pageBreakBefore?: boolean; keepNext?: boolean; sectPr?: string };
const noExtra: ParagraphExtra = {};
const keepNextExtra: ParagraphExtra = { keepNext: true };

interface Image {
  relId: string;
  target: string;
  data: Buffer;
}

/** One document being written: its styles, pictures, footers and the parts they need. */
class Writer {
  readonly out: string[] = [];
  private encoded = Buffer.allocUnsafe(initialDocumentBytes);
  private encodedLength = 0;
  private readonly styles = new Map<string, { id: string; style: ResolvedStyle }>();
  private readonly styledCache = new WeakMap<TextStyle, Map<TextStyle | undefined, StyledParagraph>>();
  private readonly images = new Map<string, Image>();
  readonly footers: Array<{ relId: string; target: string; xml: string }> = [];
  private drawingId = 0;
  private relCount = 3; // rId1 styles, rId2 settings, rId3 … pictures and footers

  constructor(private readonly base: DocumentModel['baseStyle']) {}

  private nextRelId(): string {
    this.relCount += 1;
    return `rId${this.relCount}`;
  }

  /** The paragraph style that carries `s`, made the first time a paragraph uses it. */
  private paragraphStyle(s: ResolvedStyle): string {
    const key = styleKey(s);
    let entry = this.styles.get(key);
    if (!entry) {
      entry = { id: `P${this.styles.size + 1}`, style: s };
      this.styles.set(key, entry);
    }
    return entry.id;
  }

  private image(dataUrl: string, format: string): Image {
    let image = this.images.get(dataUrl);
    if (!image) {
      const n = this.images.size + 1;
      image = {
        relId: this.nextRelId(),
        target: `media/image${n}.${format}`,
        data: Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'),
      };
      this.images.set(dataUrl, image);
    }
    return image;
  }

  private inline(run: Inline, paragraph: ResolvedStyle, paragraphStyle: TextStyle): void {
    const out = this.out;
    switch (run.kind) {
      case 'text': {
        if (run.text === '') return;
        if (run.noWrap) {
          // A number kept whole: Latin fonts without the East Asian hint (East Asian text may break between any two
          // characters, digits included) and hyphens that do not break (0994-2356781).
          const resolved = resolve({ ...paragraphStyle, ...run }, this.base);
          const face = fontFaces[resolved.font].latin;
          const fonts = `<w:rFonts w:ascii="${face}" w:cs="${face}" w:eastAsia="${face}" w:hAnsi="${face}"/>`;
          // Marked as English too: under the document's zh-CN, LibreOffice breaks even a Latin run between digits.
          out.push(`<w:r><w:rPr>${fonts}${rPrBody(resolved, paragraph, false)}<w:lang w:val="en-US"/></w:rPr>`);
          esc(run.text).split('\n').forEach((line, n) => {
            if (n > 0) out.push('<w:br/>');
            line.split('-').forEach((part, i) => {
              if (i > 0) out.push('<w:noBreakHyphen/>');
              if (part !== '') out.push('<w:t xml:space="preserve">', part, '</w:t>');
            });
          });
          out.push('</w:r>');
          return;
        }
        // A run that names no style of its own is in the paragraph's style: nothing to write, nothing to resolve.
        const own = hasOwnStyle(run) ? rPrBody(resolve({ ...paragraphStyle, ...run }, this.base), paragraph) : '';
        const text = esc(run.text);
        if (!own && !text.includes('\n')) {
          // The common run: one line in the paragraph's style.
          out.push(`<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`);
          return;
        }
        const parts = text.split('\n');
        out.push(own ? `<w:r><w:rPr>${own}</w:rPr>` : '<w:r>');
        for (let i = 0; i < parts.length; i++) {
          if (i > 0) out.push('<w:br/>');
          if (parts[i] !== '') out.push('<w:t xml:space="preserve">', parts[i], '</w:t>');
        }
        out.push('</w:r>');
        return;
      }
      case 'checkbox': {
        const own = rPrBody(resolve({ ...paragraphStyle, ...run }, this.base), paragraph, false);
        out.push(`<w:r><w:rPr>${symbolFontsXml}${own}</w:rPr><w:t xml:space="preserve">${checkboxChar(run.checked)}</w:t></w:r>`);
        return;
      }
      case 'image': {
        const info = imageDataUrlInfo(run.dataUrl);
        if (!info) return;
        const image = this.image(run.dataUrl, info.format);
        const cx = Math.round(run.widthMm * pxPerMm) * emuPerPx;
        const cy = Math.round(run.heightMm * pxPerMm) * emuPerPx;
        const alt = esc(run.alt);
        this.drawingId += 1;
        out.push(
          `<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/>`,
          `<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="${this.drawingId}" name="${alt}" descr="${alt}" title="${alt}"/>`,
          '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>',
          `<a:graphic><a:graphicData uri="${ns.pic}"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="${alt}"/><pic:cNvPicPr/></pic:nvPicPr>`,
          `<pic:blipFill><a:blip r:embed="${image.relId}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`,
          `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>`,
          '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>',
        );
        return;
      }
    }
  }

  /**
   * A paragraph's text style over the one it inherits, resolved and named. Models share their style objects (every
   * cell of a column has the same one), so each pair is worked out once rather than for each of thousands of cells.
   */
  private styled(inherited: TextStyle, own: TextStyle | undefined): StyledParagraph {
    let byOwn = this.styledCache.get(inherited);
    if (!byOwn) {
      byOwn = new Map();
      this.styledCache.set(inherited, byOwn);
    }
    let entry = byOwn.get(own);
    if (!entry) {
      const textStyle: TextStyle = { ...inherited, ...own };
      const resolved = resolve(textStyle, this.base);
      entry = { textStyle, resolved, pPrOpen: `<w:pPr><w:pStyle w:val="${this.paragraphStyle(resolved)}"/>`, openings: [] };
      byOwn.set(own, entry);
    }
    return entry;
  }

  /** A paragraph; `sectPr` closes a section on it, `keepNext` comes from its table row. */
  paragraph(block: ParagraphBlock, inherited: TextStyle, extra: ParagraphExtra = noExtra): void {
    const entry = this.styled(inherited, block.style);
    const { textStyle, resolved } = entry;
    const out = this.out;
    // The paragraph's style carries its text style, the paragraph mark's too: an empty line is as tall as the text around it.
    // Constant pieces are pushed as they are: no string is made for the properties of each of thousands of cells.
    const keepNext = !!(block.keepWithNext || extra.keepNext);
    const pageBreakBefore = !!(block.pageBreakBefore || extra.pageBreakBefore);
    if (
      !block.spaceBeforePt &&
      !block.spaceAfterPt &&
      !block.lineSpacing &&
      !block.firstLineChars &&
      !block.indentLeftMm &&
      block.outlineLevel === undefined &&
      !extra.sectPr
    ) {
      // The common paragraph (every cell of a long table): its opening up to the runs is one string, made once per
      // style, alignment and break, so that it is one piece to encode rather than half a dozen.
      const key = (block.align ? alignIndex[block.align] : 0) * 4 + (keepNext ? 2 : 0) + (pageBreakBefore ? 1 : 0);
      let opening = entry.openings[key];
      if (opening === undefined) {
        opening = `<w:p>${entry.pPrOpen}${keepNext ? '<w:keepNext/>' : ''}${pageBreakBefore ? '<w:pageBreakBefore/>' : ''}${block.align ? alignmentXml[block.align] : ''}</w:pPr>`;
        entry.openings[key] = opening;
      }
      out.push(opening);
      for (const run of block.runs) this.inline(run, resolved, textStyle);
      out.push('</w:p>');
      return;
    }
    out.push('<w:p>', entry.pPrOpen);
    if (keepNext) out.push('<w:keepNext/>');
    if (pageBreakBefore) out.push('<w:pageBreakBefore/>');
    const before = Math.round((block.spaceBeforePt ?? 0) * 20);
    const after = Math.round((block.spaceAfterPt ?? 0) * 20);
    let line = '';
    if (block.lineSpacing) {
      line =
        'multiple' in block.lineSpacing
          ? ` w:line="${Math.round(240 * block.lineSpacing.multiple)}" w:lineRule="auto"`
          : ` w:line="${Math.round(block.lineSpacing.exactPt * 20)}" w:lineRule="exact"`;
    }
    if (before || after || line) out.push(`<w:spacing w:after="${after}" w:before="${before}"${line}/>`);
    if (block.firstLineChars || block.indentLeftMm) {
      const sizePt = fontSizePt[textStyle.size ?? '小四'];
      let ind = '<w:ind';
      if (block.indentLeftMm) ind += ` w:left="${twips(block.indentLeftMm)}"`;
      if (block.firstLineChars) {
        ind += ` w:firstLine="${Math.round(block.firstLineChars * sizePt * 20)}" w:firstLineChars="${Math.round(block.firstLineChars * 100)}"`;
      }
      out.push(ind, '/>');
    }
    if (block.align) out.push(alignmentXml[block.align]);
    if (block.outlineLevel !== undefined) out.push(`<w:outlineLvl w:val="${block.outlineLevel}"/>`);
    if (extra.sectPr) out.push(extra.sectPr);
    out.push('</w:pPr>');
    for (const run of block.runs) this.inline(run, resolved, textStyle);
    out.push('</w:p>');
  }

  /** A paragraph of one point: what Word needs between two tables to keep them apart, and no more. */
  hairline(pageBreakBefore: boolean, sectPr = ''): void {
    this.out.push(
      `<w:p><w:pPr>${pageBreakBefore ? '<w:pageBreakBefore/>' : ''}<w:spacing w:after="0" w:before="0" w:line="20" w:lineRule="exact"/>`,
      `<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>${sectPr}</w:pPr></w:p>`,
    );
  }

  table(table: TableBlock, inherited: TextStyle): void {
    const out = this.out;
    const style: TextStyle = { ...inherited, ...table.style };
    const columnTwips = table.columnsMm.map(twips);
    const total = columnTwips.reduce((a, b) => a + b, 0);
    const line = table.borders === 'grid';
    out.push(
      `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${total}"/><w:tblBorders>`,
      lineXml('top', line && !table.joinAbove),
      lineXml('left', line),
      lineXml('bottom', line),
      lineXml('right', line),
      lineXml('insideH', line),
      lineXml('insideV', line),
      '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar>',
      `<w:top w:type="dxa" w:w="0"/><w:left w:type="dxa" w:w="${cellMarginTwips}"/><w:bottom w:type="dxa" w:w="0"/><w:right w:type="dxa" w:w="${cellMarginTwips}"/>`,
      '</w:tblCellMar></w:tblPr><w:tblGrid>',
    );
    for (const width of columnTwips) out.push(`<w:gridCol w:w="${width}"/>`);
    out.push('</w:tblGrid>');

    // What covers each grid column of each row: a cell merged down from above is written again as a
    // vMerge continuation with the same width, borders and alignment.
    const mergedFrom: Array<Array<{ tcPr: string; span: number; paragraph: string } | undefined>> = table.rows.map(() => []);
    const headerRows = table.headerRows ?? 0;
    const plainTcPr: Array<{ vAlign: NonNullable<ModelCell['vAlign']>; xml: string } | undefined> = [];
    const rowOpenings: Array<Map<number, string> | undefined> = [];
    table.rows.forEach((row, r) => {
      // A row's properties are one piece, made once for each kind of row of the table.
      const kind = (row.allowSplit ? 0 : 2) + (r < headerRows ? 1 : 0);
      const height = row.minHeightMm || 0;
      const openings = (rowOpenings[kind] ??= new Map());
      let opening = openings.get(height);
      if (opening === undefined) {
        opening =
          `<w:tr><w:trPr>${kind & 2 ? '<w:cantSplit/>' : ''}${kind & 1 ? '<w:tblHeader/>' : ''}` +
          `${height ? `<w:trHeight w:val="${twips(height)}" w:hRule="atLeast"/>` : ''}</w:trPr>`;
        openings.set(height, opening);
      }
      out.push(opening);
      const rowExtra = row.keepWithNext ? keepNextExtra : noExtra;
      let column = 0;
      const continuation = (): void => {
        for (;;) {
          const merged = mergedFrom[r][column];
          if (!merged) return;
          out.push('<w:tc>', merged.tcPr, merged.paragraph, '</w:tc>');
          column += merged.span;
        }
      };
      for (const cell of row.cells) {
        continuation();
        const span = cell.colSpan ?? 1;
        const rowSpan = cell.rowSpan && cell.rowSpan > 1 ? cell.rowSpan : 1;
        if (span === 1 && rowSpan === 1 && !cell.borders && !(r === 0 && table.joinAbove)) {
          // The common cell (one column, borders of the table): its properties are the same all down the column.
          const vAlign = cell.vAlign ?? 'top';
          const cached = plainTcPr[column];
          const opening =
            cached?.vAlign === vAlign
              ? cached.xml
              : (plainTcPr[column] = {
                  vAlign,
                  xml: `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${columnTwips[column] ?? 0}"/><w:vAlign w:val="${verticalAligns[vAlign]}"/></w:tcPr>`,
                }).xml;
          out.push(opening);
          for (const block of cell.blocks) this.paragraph(block, style, rowExtra);
          if (cell.blocks.length === 0) out.push('<w:p/>');
          out.push('</w:tc>');
          column += 1;
          continue;
        }
        let width = 0;
        for (let c = column; c < column + span; c++) width += columnTwips[c] ?? 0;
        const start = `<w:tcPr><w:tcW w:type="dxa" w:w="${width}"/>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}`;
        const end = `${cellBorders(table, cell, r === 0)}<w:vAlign w:val="${verticalAligns[cell.vAlign ?? 'top']}"/></w:tcPr>`;
        const tcPr = `${start}${rowSpan > 1 ? '<w:vMerge w:val="restart"/>' : ''}${end}`;
        if (rowSpan > 1) {
          const last = cell.blocks[cell.blocks.length - 1];
          const paragraph = last?.align ? `<w:p><w:pPr><w:jc w:val="${alignments[last.align]}"/></w:pPr></w:p>` : '<w:p/>';
          for (let dr = 1; dr < rowSpan && r + dr < table.rows.length; dr++) mergedFrom[r + dr][column] = { tcPr: `${start}<w:vMerge w:val="continue"/>${end}`, span, paragraph };
        }
        out.push('<w:tc>', tcPr);
        for (const block of cell.blocks) this.paragraph(block, style, rowExtra);
        if (cell.blocks.length === 0) out.push('<w:p/>');
        out.push('</w:tc>');
        column += span;
      }
      continuation();
      out.push('</w:tr>');
      if (out.length >= flushPieces) this.flush();
    });
    out.push('</w:tbl>');
  }

  /** A section's blocks; `sectPr` (all but the last section) closes it on its last paragraph. */
  section(section: Section, sectPr: string | null): void {
    let breakPending = false;
    let previous: Block | null = null;
    const blocks = section.blocks;
    const last = blocks[blocks.length - 1];
    const endsWithParagraph = sectPr !== null && last?.kind === 'paragraph';
    blocks.forEach((block, index) => {
      if (block.kind === 'pageBreak') {
        breakPending = true;
        return;
      }
      if (block.kind === 'paragraph') {
        const closes = endsWithParagraph && index === blocks.length - 1;
        this.paragraph(block, this.base, { pageBreakBefore: breakPending, sectPr: closes ? (sectPr ?? undefined) : undefined });
      } else {
        // Two tables in a row would be merged by Word: a hairline paragraph keeps them apart (and carries a page break).
        if (breakPending || previous?.kind === 'table') this.hairline(breakPending);
        this.table(block, this.base);
      }
      breakPending = false;
      previous = block;
      if (this.out.length >= flushPieces) this.flush();
    });
    if (breakPending) {
      this.hairline(true, sectPr ?? '');
    } else if (sectPr !== null && !endsWithParagraph) {
      // A section ending in a table closes on an empty paragraph of its own.
      this.out.push(`<w:p><w:pPr>${sectPr}</w:pPr></w:p>`);
    }
  }

  /**
   * A footer part: empty, or the page number as GB/T 9704 places it — 「— N —」, odd pages on the right and even
   * pages on the left, each one character in from the edge (settings turn on odd and even footers).
   */
  footer(numbered: boolean, side: 'odd' | 'even'): string {
    const n = this.footers.length + 1;
    const relId = this.nextRelId();
    let body = '<w:p/>';
    if (numbered) {
      const [before, after] = pageNumberText('\u0000').split('\u0000');
      const run = `<w:r><w:rPr>${rPrBody(resolve({ font: 'song', size: '四号' }, this.base))}</w:rPr>`;
      // 「空一字」: one character of the number's 四号 (14 pt = 280 twips) in from the edge.
      const indent = side === 'odd' ? '<w:ind w:right="280"/>' : '<w:ind w:left="280"/>';
      body =
        `<w:p><w:pPr>${indent}<w:jc w:val="${side === 'odd' ? 'right' : 'left'}"/></w:pPr>${run}<w:t xml:space="preserve">${esc(before)}</w:t></w:r>` +
        `${run}<w:fldChar w:fldCharType="begin"/></w:r>${run}<w:instrText xml:space="preserve">PAGE</w:instrText></w:r>` +
        `${run}<w:fldChar w:fldCharType="separate"/></w:r>${run}<w:fldChar w:fldCharType="end"/></w:r>` +
        `${run}<w:t xml:space="preserve">${esc(after)}</w:t></w:r></w:p>`;
    }
    this.footers.push({ relId, target: `footer${n}.xml`, xml: `${xmlDeclaration}<w:ftr xmlns:w="${ns.w}" xmlns:r="${ns.r}">${body}</w:ftr>` });
    return relId;
  }

  stylesXml(): string {
    const out: string[] = [
      xmlDeclaration,
      `<w:styles xmlns:w="${ns.w}"><w:docDefaults><w:rPrDefault><w:rPr>`,
      rPrBody(resolve({}, this.base)),
      '<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>',
      '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:before="0"/></w:pPr></w:pPrDefault></w:docDefaults>',
      '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>',
      '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>',
      `<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="${cellMarginTwips}" w:type="dxa"/>`,
      `<w:bottom w:w="0" w:type="dxa"/><w:right w:w="${cellMarginTwips}" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`,
    ];
    for (const { id, style } of this.styles.values()) {
      const face = fontFaces[style.font];
      const size = Object.entries(fontSizePt).find(([, pt]) => pt * 2 === style.halfPoints)?.[0] ?? `${style.halfPoints / 2}pt`;
      const name = `${face.eastAsia} ${size}${style.bold ? ' 加粗' : ''}${style.underline ? ' 下划线' : ''}${style.color ? ` #${style.color}` : ''}`;
      out.push(
        `<w:style w:type="paragraph" w:customStyle="1" w:styleId="${id}"><w:name w:val="${esc(name)}"/><w:basedOn w:val="Normal"/><w:qFormat/>`,
        `<w:rPr>${rPrBody(style)}</w:rPr></w:style>`,
      );
    }
    out.push('</w:styles>');
    return out.join('');
  }

  /**
   * The document so far, encoded as UTF-8 onto the end of `encoded`: a large table's XML never becomes one string of
   * megabytes, which the garbage collector would copy and mark, only pieces that die young; and the bytes go straight
   * into one buffer that doubles as it fills, not into a buffer per piece that would be copied again at the end.
   */
  flush(): void {
    const out = this.out;
    if (out.length === 0) return;
    let units = 0;
    for (let i = 0; i < out.length; i++) units += out[i].length;
    // UTF-8 takes at most three bytes for each UTF-16 unit.
    const needed = this.encodedLength + units * 3;
    if (needed > this.encoded.length) {
      let size = this.encoded.length * 2;
      while (size < needed) size *= 2;
      const grown = Buffer.allocUnsafe(size);
      this.encoded.copy(grown, 0, 0, this.encodedLength);
      this.encoded = grown;
    }
    // Piece by piece: cheaper than joining them into one string first (which is then copied again as it is
    // encoded), and no string of tens of kilobytes for the collector.
    const encoded = this.encoded;
    let at = this.encodedLength;
    for (let i = 0; i < out.length; i++) at += encoded.write(out[i], at, 'utf8');
    this.encodedLength = at;
    out.length = 0;
  }

  /** The document's XML written so far, as UTF-8. */
  documentXml(): Buffer {
    return this.encoded.subarray(0, this.encodedLength);
  }

  parts(model: DocumentModel, documentXml: Buffer): ZipEntry[] {
    const images = [...this.images.values()];
    const imageTypes: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', bmp: 'image/bmp' };
    const extensions = [...new Set(images.map((image) => image.target.slice(image.target.lastIndexOf('.') + 1)))];
    const wml = 'application/vnd.openxmlformats-officedocument.wordprocessingml';
    const contentTypes =
      xmlDeclaration +
      contentTypesXml(
        extensions.map((ext) => [ext, imageTypes[ext]] as const),
        [
          ['/word/document.xml', `${wml}.document.main+xml`],
          ['/word/styles.xml', `${wml}.styles+xml`],
          ['/word/settings.xml', `${wml}.settings+xml`],
          ...this.footers.map((footer) => [`/word/${footer.target}`, `${wml}.footer+xml`] as const),
        ],
      );
    const rootRels = xmlDeclaration + packageRelsXml('word/document.xml');
    const documentRels =
      `${xmlDeclaration}<Relationships xmlns="${ns.rel}">` +
      `<Relationship Id="rId1" Type="${ns.officeRel}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId2" Type="${ns.officeRel}/settings" Target="settings.xml"/>` +
      this.footers.map((footer) => `<Relationship Id="${footer.relId}" Type="${ns.officeRel}/footer" Target="${footer.target}"/>`).join('') +
      images.map((image) => `<Relationship Id="${image.relId}" Type="${ns.officeRel}/image" Target="${image.target}"/>`).join('') +
      '</Relationships>';
    const settings =
      `${xmlDeclaration}<w:settings xmlns:w="${ns.w}"><w:defaultTabStop w:val="720"/><w:evenAndOddHeaders/>` +
      '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>';
    const core = xmlDeclaration + corePropertiesXml(new Date(), { title: model.title, revision: 1 });
    const app = xmlDeclaration + appPropertiesXml;
    // Without pictures, the list of parts depends on the document's sections only, the same in every export.
    const fixedParts = images.length === 0;
    return [
      { name: '[Content_Types].xml', data: contentTypes, constant: fixedParts },
      { name: '_rels/.rels', data: rootRels, constant: true },
      { name: 'docProps/core.xml', data: core },
      { name: 'docProps/app.xml', data: app, constant: true },
      { name: 'word/document.xml', data: documentXml },
      { name: 'word/_rels/document.xml.rels', data: documentRels, constant: fixedParts },
      { name: 'word/styles.xml', data: this.stylesXml() },
      { name: 'word/settings.xml', data: settings, constant: true },
      ...this.footers.map((footer) => ({ name: `word/${footer.target}`, data: footer.xml, constant: true })),
      ...images.map((image) => ({ name: `word/${image.target}`, data: image.data })),
    ];
  }
}

function cellBorders(table: TableBlock, cell: ModelCell, firstRow: boolean): string {
  const sides: Partial<Record<BorderSide, boolean>> = {};
  for (const side of ['top', 'left', 'bottom', 'right'] as const) {
    const on = cell.borders?.[side];
    if (on !== undefined) sides[side] = on;
  }
  if (firstRow && table.joinAbove) sides.top = false;
  const set = (['top', 'left', 'bottom', 'right'] as const).filter((side) => sides[side] !== undefined);
  if (set.length === 0) return '';
  return `<w:tcBorders>${set.map((side) => lineXml(side, sides[side] === true)).join('')}</w:tcBorders>`;
}

function sectPrXml(section: Section, footers: { odd: string; even: string }): string {
  const m = section.marginsMm;
  // The number sits about 7 mm below the text, as GB/T 9704 places it.
  const footer = twips(Math.max(10, m.bottom - 14));
  return (
    `<w:sectPr><w:footerReference w:type="even" r:id="${footers.even}"/><w:footerReference w:type="default" r:id="${footers.odd}"/>` +
    `<w:pgSz w:w="${twips(pageSizeMm.width)}" w:h="${twips(pageSizeMm.height)}" w:orient="portrait"/>` +
    `<w:pgMar w:top="${twips(m.top)}" w:right="${twips(m.right)}" w:bottom="${twips(m.bottom)}" w:left="${twips(m.left)}" w:header="${twips(15)}" w:footer="${footer}" w:gutter="0"/>` +
    (section.pageNumbers === 'restart' ? '<w:pgNumType w:start="1"/>' : '') +
    (section.verticalAlign === 'center' ? '<w:vAlign w:val="center"/>' : '') +
    '<w:docGrid w:linePitch="360"/></w:sectPr>'
  );
}

export async function writeDocx(model: DocumentModel): Promise<Buffer> {
  const writer = new Writer(model.baseStyle);
  writer.out.push(
    xmlDeclaration,
    `<w:document xmlns:w="${ns.w}" xmlns:r="${ns.r}" xmlns:wp="${ns.wp}" xmlns:a="${ns.a}" xmlns:pic="${ns.pic}"><w:body>`,
  );
  model.sections.forEach((section, index) => {
    // Every section names its footer: in Word a section without one would take the previous section's page numbers.
    const numbered = section.pageNumbers !== 'none';
    const sectPr = sectPrXml(section, { odd: writer.footer(numbered, 'odd'), even: writer.footer(numbered, 'even') });
    if (index < model.sections.length - 1) {
      writer.section(section, sectPr);
    } else {
      // The last section's properties are the body's own.
      writer.section(section, null);
      writer.out.push(sectPr);
    }
  });
  writer.out.push('</w:body></w:document>');
  writer.flush();
  return writeZipAsync(writer.parts(model, writer.documentXml()));
}
