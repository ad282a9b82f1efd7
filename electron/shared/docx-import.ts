import type { Values } from './draft';
import type { RegionId, TableId } from './region-template';
import type { ValueProblem } from './validation';
import type { ImportMode } from './workbooks';

/**
 * Importing a filled Word application (组建申请表 / 备案申请登记表, with or without the 组建协议): the plain
 * data the core produces and the renderer shows. Nothing here is written to a draft until confirmed.
 */

// ---- the document as read -------------------------------------------------------------------------

export interface WordParagraph {
  kind: 'paragraph';
  /** 0-based among the body's paragraphs outside tables. */
  index: number;
  text: string;
}

export interface WordCell {
  /** 0-based row of its table and cell of its row, as in the file. */
  row: number;
  cell: number;
  /** First grid column it covers (after w:gridBefore and the spans of the cells before it). */
  gridStart: number;
  gridSpan: number;
  paragraphs: string[];
  /** The paragraphs joined by '\n'. */
  text: string;
  /** A continuation of a vertical merge: its text is the merge's first cell's. */
  merged: boolean;
  mergedFromRow?: number;
}

export interface WordRow {
  index: number;
  cells: WordCell[];
}

export interface WordTable {
  kind: 'table';
  /** 0-based among the body's top-level tables. */
  index: number;
  rows: WordRow[];
  gridWidth: number;
}

export type WordBlock = WordParagraph | WordTable;

export interface WordDocument {
  fileName: string;
  blocks: WordBlock[];
}

// ---- what was recognised ------------------------------------------------------------------------

/** Where in the Word file a value was read (0-based; shown 1-based). */
export interface DocxSource {
  part: 'cover' | 'form' | 'agreement';
  table?: number;
  row?: number;
  cell?: number;
  paragraph?: number;
}

/** 「封面 第2个表格 第3行 第2格」, 「组建协议 第14段」: where to look in Word. */
export function describeSource(source: DocxSource): string {
  const part = { cover: '封面', form: '申请表', agreement: '组建协议' }[source.part];
  const bits = [part];
  if (source.table !== undefined) bits.push(`第${source.table + 1}个表格`);
  if (source.row !== undefined) bits.push(`第${source.row + 1}行`);
  if (source.cell !== undefined) bits.push(`第${source.cell + 1}格`);
  if (source.paragraph !== undefined) bits.push(`第${source.paragraph + 1}段`);
  return bits.join(' ');
}

export interface RecognizedField {
  key: string;
  /** The template's label. */
  label: string;
  /** The label as the file has it (it may differ in punctuation, spaces or a 「（限500字）」). */
  foundLabel: string;
  /** Normalised the way the draft stores it (dates YYYY-MM-DD, choices by option). */
  value: string;
  /** The text as it stood in the cell, when it differs from `value`. */
  original?: string;
  source: DocxSource;
  problems: ValueProblem[];
}

export interface RecognizedCellProblem extends ValueProblem {
  columnKey: string;
  columnLabel: string;
}

export interface RecognizedRow {
  values: Values;
  source: DocxSource;
  problems: RecognizedCellProblem[];
}

export interface RecognizedTable {
  table: TableId;
  label: string;
  /** The header row the table was found by. */
  headerSource: DocxSource;
  /** Template columns the header has, with the header text found. */
  columns: Array<{ key: string; label: string; foundLabel: string }>;
  rows: RecognizedRow[];
}

export interface UnrecognizedItem {
  text: string;
  source: DocxSource;
  /** Why it was left out, in Chinese. */
  reason: string;
}

export interface DocxImportPreview {
  fileName: string;
  regionId: RegionId;
  /** How the region was chosen: given by the user, or recognised from the title. */
  regionFrom: 'given' | 'title' | 'default';
  /** The title the region was recognised from (or why it could not be). */
  regionNote: string;
  /** The file was a .doc/.wps (or .rtf/.odt) converted by LibreOffice first. */
  converted: boolean;
  /** Documents found in the file. */
  documents: Array<'applicationForm' | 'agreement'>;
  fields: RecognizedField[];
  tables: RecognizedTable[];
  /** Fields the printed form has that were not found, or found empty. */
  missingFields: Array<{ key: string; label: string; required: boolean }>;
  unrecognized: UnrecognizedItem[];
  /** Remarks on the whole file (a cover value that differs from the table's, the agreement's tiers applied …). */
  notes: string[];
  counts: { fields: number; rows: number; errors: number; warnings: number };
}

/** Where a confirmed import goes: a new draft, or the open draft with the Excel import's choices. */
export type DocxImportTarget = { kind: 'new' } | { kind: 'merge'; draftId: string; mode: ImportMode };

export interface DocxImportSummary {
  draftId: string;
  created: boolean;
  mode: ImportMode | 'new';
  fieldsSet: number;
  rowsAdded: number;
  rowsUpdated: number;
  /** The revision taken before an open draft was changed. */
  revisionId: number | null;
}
