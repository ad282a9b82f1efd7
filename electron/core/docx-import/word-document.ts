import { UserError } from '../../shared/errors';
import type { WordBlock, WordCell, WordDocument, WordRow, WordTable } from '../../shared/docx-import';
import { docxLimits, openDocxPackage } from './docx-package';
import { attributeKey, tokenizeXml, XmlError, type XmlName } from './xml-tokenizer';

/**
 * WordprocessingML → the little the import needs: the body's paragraphs and tables in order, each cell's
 * paragraphs as text, with its place in the table grid (w:gridBefore, w:gridSpan) and vertical merges
 * (w:vMerge) resolved so a merged cell's text is found from every row it covers. Word, WPS and
 * LibreOffice write the same elements in very different arrangements (runs split mid-word, content
 * controls, text boxes, deleted and inserted text), so the walk goes by element meaning, not by position.
 */

const wordNamespaces = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
]);
const relationshipNamespaces = new Set([
  'http://schemas.openxmlformats.org/package/2006/relationships',
]);
const markupCompatibility = 'http://schemas.openxmlformats.org/markup-compatibility/2006';

interface CellBuilder {
  paragraphs: string[];
  gridSpan: number;
  vMerge: 'restart' | 'continue' | null;
}
interface RowBuilder {
  cells: CellBuilder[];
  gridBefore: number;
}
interface TableBuilder {
  rows: RowBuilder[];
}

function wordAttribute(attributes: Map<string, string>, local: string): string | undefined {
  for (const uri of wordNamespaces) {
    const value = attributes.get(attributeKey(uri, local));
    if (value !== undefined) return value;
  }
  return attributes.get(local);
}

/** Paragraph text: runs' w:t, tabs and breaks; deleted text, field codes and the fallback of alternate content left out. */
class BodyWalker {
  readonly blocks: WordBlock[] = [];
  private readonly tables: TableBuilder[] = [];
  private paragraph: string[] | null = null;
  private paragraphDepth = 0;
  /** Depth inside elements whose text is not document text (w:delText, w:instrText, mc:Fallback …). */
  private skipping = 0;
  private inText = false;
  private cells = 0;
  private tableCount = 0;
  private paragraphCount = 0;
  private inBody = false;
  /** Inside w:tabs (tab stops of a paragraph's properties), where w:tab is not a character. */
  private inTabs = false;
  /** Text boxes' paragraphs are kept as paragraphs after the one holding them. */
  private pendingAfter: string[] = [];

  constructor(private readonly fileName: string) {}

  private isWord(name: XmlName): boolean {
    return wordNamespaces.has(name.uri);
  }

  open(name: XmlName, attributes: Map<string, string>): void {
    if (name.uri === markupCompatibility && name.local === 'Fallback') {
      this.skipping++;
      return;
    }
    if (this.skipping > 0) {
      this.skipping++;
      return;
    }
    if (!this.isWord(name)) return;
    switch (name.local) {
      case 'body':
        this.inBody = true;
        return;
      case 'delText':
      case 'instrText':
      case 'delInstrText':
        this.skipping = 1;
        return;
      case 'tbl':
        if (!this.inBody) return;
        this.tables.push({ rows: [] });
        return;
      case 'tr': {
        const table = this.tables[this.tables.length - 1];
        if (!table) return;
        if (table.rows.length >= docxLimits.maxTableRows) {
          throw new UserError(
            'docx.hugeTable',
            `文件“${this.fileName}”中有一个表格超过 ${docxLimits.maxTableRows.toLocaleString('en-US')} 行，远超正常申请表，未导入。`,
            `table with more than ${docxLimits.maxTableRows} rows`,
          );
        }
        table.rows.push({ cells: [], gridBefore: 0 });
        return;
      }
      case 'gridBefore': {
        const row = this.currentRow();
        if (row) row.gridBefore = Math.max(0, Math.min(64, Number(wordAttribute(attributes, 'val') ?? 0) || 0));
        return;
      }
      case 'tc': {
        const row = this.currentRow();
        if (!row) return;
        this.cells++;
        if (this.cells > docxLimits.maxCells) {
          throw new UserError(
            'docx.hugeTable',
            `文件“${this.fileName}”中的表格单元格超过 ${docxLimits.maxCells.toLocaleString('en-US')} 个，远超正常申请表，未导入。`,
            `more than ${docxLimits.maxCells} cells`,
          );
        }
        row.cells.push({ paragraphs: [], gridSpan: 1, vMerge: null });
        return;
      }
      case 'gridSpan': {
        const cell = this.currentCell();
        if (cell) cell.gridSpan = Math.max(1, Math.min(64, Number(wordAttribute(attributes, 'val') ?? 1) || 1));
        return;
      }
      case 'vMerge': {
        const cell = this.currentCell();
        // A w:vMerge without w:val continues the merge above (ISO 29500 17.4.85).
        if (cell) cell.vMerge = wordAttribute(attributes, 'val') === 'restart' ? 'restart' : 'continue';
        return;
      }
      case 'p':
        this.paragraphDepth++;
        if (this.paragraphDepth === 1) this.paragraph = [];
        else this.paragraph?.push('\n');
        return;
      case 't':
        this.inText = true;
        return;
      case 'tab':
        // w:tab inside w:pPr/w:tabs is a tab stop, not a character; inside a run it is.
        if (this.paragraph !== null && !this.inTabs) this.paragraph.push('\t');
        return;
      case 'tabs':
        this.inTabs = true;
        return;
      case 'br':
      case 'cr':
        this.paragraph?.push('\n');
        return;
      case 'noBreakHyphen':
        this.paragraph?.push('-');
        return;
      case 'sym': {
        const char = wordAttribute(attributes, 'char');
        const code = char ? parseInt(char, 16) : NaN;
        if (Number.isFinite(code) && code >= 0x20 && code <= 0x10ffff && !(code >= 0xf000 && code <= 0xf0ff)) {
          this.paragraph?.push(String.fromCodePoint(code));
        }
        return;
      }
      default:
        return;
    }
  }

  close(name: XmlName): void {
    if (this.skipping > 0) {
      this.skipping--;
      return;
    }
    if (!this.isWord(name)) return;
    switch (name.local) {
      case 'body':
        this.inBody = false;
        return;
      case 't':
        this.inText = false;
        return;
      case 'tabs':
        this.inTabs = false;
        return;
      case 'p': {
        this.paragraphDepth--;
        if (this.paragraphDepth > 0 || this.paragraph === null) return;
        const text = this.paragraph.join('');
        this.paragraph = null;
        this.addParagraph(text);
        for (const extra of this.pendingAfter.splice(0)) this.addParagraph(extra);
        return;
      }
      case 'tbl': {
        const table = this.tables.pop();
        if (!table) return;
        const built = finishTable(table, this.tableCount);
        if (this.tables.length > 0 || this.paragraph !== null) {
          // A nested table: its text joins the cell (or paragraph) it sits in, row by row.
          const lines = built.rows.map((row) => row.cells.filter((cell) => !cell.merged).map((cell) => cell.text).join('\t'));
          if (this.paragraph !== null) this.pendingAfter.push(...lines);
          else this.currentCell()?.paragraphs.push(...lines);
          return;
        }
        this.tableCount++;
        this.blocks.push(built);
        return;
      }
      default:
        return;
    }
  }

  text(text: string): void {
    if (this.skipping > 0 || !this.inText || this.paragraph === null) return;
    this.paragraph.push(text);
  }

  private addParagraph(text: string): void {
    const cell = this.tables.length > 0 ? this.currentCell() : undefined;
    if (cell) {
      cell.paragraphs.push(text);
      return;
    }
    if (this.tables.length > 0 || !this.inBody) return;
    this.blocks.push({ kind: 'paragraph', index: this.paragraphCount++, text });
  }

  private currentRow(): RowBuilder | undefined {
    const table = this.tables[this.tables.length - 1];
    return table?.rows[table.rows.length - 1];
  }

  private currentCell(): CellBuilder | undefined {
    const row = this.currentRow();
    return row?.cells[row.cells.length - 1];
  }
}

/** Places every cell on the grid and gives a vertically merged cell's text to each row it spans. */
function finishTable(table: TableBuilder, index: number): WordTable {
  const rows: WordRow[] = [];
  // The origin cell of an open vertical merge, by grid column.
  const openMerges = new Map<number, WordCell>();
  table.rows.forEach((row, rowIndex) => {
    let column = row.gridBefore;
    const cells: WordCell[] = row.cells.map((cell, cellIndex) => {
      const text = cell.paragraphs.join('\n');
      const placed: WordCell = {
        row: rowIndex,
        cell: cellIndex,
        gridStart: column,
        gridSpan: cell.gridSpan,
        paragraphs: cell.paragraphs,
        text,
        merged: false,
      };
      if (cell.vMerge === 'continue') {
        const origin = openMerges.get(column);
        if (origin) {
          placed.paragraphs = origin.paragraphs;
          placed.text = origin.text;
          placed.merged = true;
          placed.mergedFromRow = origin.row;
        }
      } else if (cell.vMerge === 'restart') {
        openMerges.set(column, placed);
      } else {
        openMerges.delete(column);
      }
      column += cell.gridSpan;
      return placed;
    });
    rows.push({ index: rowIndex, cells });
  });
  const width = Math.max(0, ...rows.map((row) => row.cells.reduce((end, cell) => Math.max(end, cell.gridStart + cell.gridSpan), 0)));
  return { kind: 'table', index, rows, gridWidth: width };
}

/** The main document part's name, from the package relationships (word/document.xml where they say nothing). */
function mainPartName(read: (name: string) => string | null, fileName: string): string {
  const rels = read('_rels/.rels');
  let target: string | null = null;
  if (rels !== null) {
    try {
      tokenizeXml(
        rels,
        {
          open(name, attributes) {
            if (target !== null || !relationshipNamespaces.has(name.uri) || name.local !== 'Relationship') return;
            const type = attributes.get('Type') ?? '';
            if (type.endsWith('/officeDocument')) target = attributes.get('Target') ?? null;
          },
          close() {},
          text() {},
        },
        { maxDepth: 10, maxElements: 10_000 },
      );
    } catch (error) {
      throw new UserError(
        'docx.damaged',
        `文件“${fileName}”已损坏（内部结构说明无法读取），无法导入。请在 Word 或 WPS 中打开并另存后再导入。`,
        `_rels/.rels: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  const name = (target as string | null) ?? 'word/document.xml';
  return name.replace(/^\//, '').replace(/^\.\//, '');
}

/** Reads a .docx's body. Throws a UserError with a Chinese message for anything broken or hostile. */
export function readWordDocument(bytes: Buffer, fileName: string): WordDocument {
  const pkg = openDocxPackage(bytes, fileName);
  const part = mainPartName((name) => pkg.read(name, 1024 * 1024), fileName);
  const xml = pkg.read(part, docxLimits.maxDocumentBytes);
  if (xml === null) {
    throw new UserError(
      'docx.notWord',
      `文件“${fileName}”中没有 Word 正文，不是有效的 Word 文档。`,
      `main part ${part} missing`,
    );
  }
  const walker = new BodyWalker(fileName);
  try {
    tokenizeXml(
      xml,
      {
        open: (name, attributes) => walker.open(name, attributes),
        close: (name) => walker.close(name),
        text: (text) => walker.text(text),
      },
      { maxDepth: docxLimits.maxDepth, maxElements: docxLimits.maxElements },
    );
  } catch (error) {
    if (error instanceof XmlError) {
      throw new UserError(
        'docx.badXml',
        `文件“${fileName}”的正文内容已损坏（XML 格式错误），无法导入。请在 Word 或 WPS 中打开并另存为 .docx 后再导入。`,
        `${part}: ${error.message}`,
      );
    }
    throw error;
  }
  return { fileName, blocks: walker.blocks };
}
