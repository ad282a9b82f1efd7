import type { Values } from './draft';

/**
 * Excel workbooks (成员单位、科研团队、科研平台名单) and member data collection (信息采集): the types the core
 * produces and the renderer shows. Plain data, so that previews cross the process boundary as JSON.
 */

/** The lists that travel as Excel sheets. The council (理事会) stays in the form only. */
export const workbookTables = ['members', 'team', 'platforms'] as const;
export type WorkbookTable = (typeof workbookTables)[number];

/** Sheet names as people see them in Excel and WPS. */
export const workbookSheetNames: Record<WorkbookTable, string> = {
  members: '成员单位',
  team: '科研团队',
  platforms: '科研平台',
};
export const summarySheetName = '汇总';

/** How a table's row is recognised when importing into a draft that already has rows. */
export const importModes = ['append', 'update', 'replace'] as const;
/**
 * - append: add the rows that are not in the draft yet; rows matching an existing one are skipped;
 * - update: add new rows and fill matching ones with the imported non-empty cells;
 * - replace: the table becomes exactly the imported rows.
 */
export type ImportMode = (typeof importModes)[number];

/**
 * What will happen to one row of the sheet: added, merged into a matching row of the draft, skipped as a
 * repeat of an earlier row of the same sheet, or skipped because it has errors.
 */
export type ImportOutcome = 'new' | 'update' | 'duplicate' | 'invalid';

export interface ImportProblem {
  /** The row number Excel shows (1-based). */
  row: number;
  /** The column's header as it appears in the sheet (or the template's label when the column is missing). */
  column: string;
  /** The column letter in the sheet (A, B …), '' when the column is not in the sheet. */
  columnLetter: string;
  /** The template's column key, when the problem is about a known column. */
  columnKey?: string;
  /** 'error' makes the row invalid (it is not imported); a 'warning' is shown and the row is imported. */
  severity: 'error' | 'warning';
  /** A stable English id ('uscc.charset', 'required', 'duplicate' …). */
  code: string;
  /** Simplified Chinese, ready to show. */
  message: string;
  /** For collection files: the sheet the problem is on. */
  sheet?: string;
}

export interface ImportRow {
  /** The row number Excel shows. */
  row: number;
  /** Normalised values keyed by the template's column keys (only columns found in the sheet). */
  values: Values;
  outcome: ImportOutcome;
  /** For 'update': the id of the draft row this row matches. */
  matchRowId?: string;
  /** For 'duplicate': the sheet row it repeats. */
  duplicateOfRow?: number;
}

/** How one column of the sheet was understood. */
export interface HeaderMatch {
  /** 1-based column index in the sheet. */
  column: number;
  columnLetter: string;
  /** The header text as found. */
  header: string;
  /** The template column it fills; null for columns that are not imported (序号, unknown headers). */
  key: string | null;
  /** The template's label for that column. */
  label: string | null;
  /** 'label': the form's own label; 'synonym': a common other name; 'combined': 名称及统一社会信用代码. */
  how: 'label' | 'synonym' | 'combined' | 'index' | null;
}

export interface ImportCounts {
  total: number;
  new: number;
  update: number;
  duplicate: number;
  invalid: number;
  /** Rows with at least one warning (they are imported). */
  warnings: number;
}

export interface ImportPreview {
  fileName: string;
  table: WorkbookTable;
  sheetName: string;
  /** Excel row number of the header row. */
  headerRow: number;
  columns: HeaderMatch[];
  /** Template columns the sheet does not have; their cells stay as they are (or empty for new rows). */
  missingColumns: Array<{ key: string; label: string; required: boolean }>;
  rows: ImportRow[];
  problems: ImportProblem[];
  counts: ImportCounts;
}

/** What the user sees after confirming an import. */
export interface ImportSummary {
  mode: ImportMode;
  table: WorkbookTable;
  added: number;
  updated: number;
  /** Rows not written: invalid, repeated in the sheet, or (append) already in the draft. */
  skipped: number;
  /** The revision taken before anything changed ('before-import'). */
  revisionId: number;
  /** Rows in the table after the import. */
  rowCount: number;
}

// ---- member data collection (信息采集) ------------------------------------------------------------

/** One file written for one member unit. */
export interface CollectionFile {
  memberRowId: string;
  memberName: string;
  fileName: string;
  /** Absolute path of the file written. */
  path: string;
}

/** A value of the member's own row as the draft holds it and as the returned file gives it. */
export interface FieldChange {
  key: string;
  label: string;
  current: string;
  incoming: string;
  /** 'fill': the draft was empty; 'conflict': both differ and the user decides. Unchanged values are not listed. */
  kind: 'fill' | 'conflict';
  /** Set for conflicts: what decisions refer to. */
  conflictId?: string;
}

/** One team member (科研团队) or platform (科研平台) row of the returned file. */
export interface CollectedRowChange {
  /** Row number in the returned sheet. */
  row: number;
  /** 姓名 or 平台名称, for the list. */
  name: string;
  kind: 'add' | 'update';
  /** For 'update': the draft row. */
  rowId?: string;
  values: Values;
  /** For 'update': the cells that change. */
  changes: FieldChange[];
}

export interface AbsorbFilePreview {
  fileName: string;
  /**
   * 'matched': will be applied to the member; 'unmatched': no member of the draft has this 统一社会信用代码;
   * 'error': the file could not be read or repeats another file of the same member.
   */
  status: 'matched' | 'unmatched' | 'error';
  /** Chinese, for 'unmatched' and 'error'. */
  message?: string;
  memberRowId?: string;
  memberName: string;
  uscc: string;
  /**
   * How the member was recognised: by its code as returned, by the code the file was sent with (the member
   * corrected it), or — for a member whose code the draft did not have — by the row the file was made for.
   */
  matchedBy?: 'uscc' | 'sentUscc' | 'sentTo';
  /** True when the file was made for another draft (it is still applied to the member with the same code). */
  fromOtherDraft?: boolean;
  member: FieldChange[];
  team: CollectedRowChange[];
  platforms: CollectedRowChange[];
  /** Team members / platforms of this member in the draft that the returned file no longer lists (not deleted). */
  notReturned: { team: string[]; platforms: string[] };
  problems: ImportProblem[];
}

export interface AbsorbPreview {
  files: AbsorbFilePreview[];
  /** Every conflict of every file, for the decision list. */
  conflictCount: number;
}

/** For each conflict: keep what the draft holds, or take the returned value. Conflicts left out are kept. */
export interface AbsorbDecision {
  conflictId: string;
  choice: 'keep' | 'take';
}

export interface AbsorbSummary {
  filesApplied: number;
  membersUpdated: number;
  /** Member cells written (filled or taken over in a conflict). */
  fieldsWritten: number;
  teamAdded: number;
  teamUpdated: number;
  platformsAdded: number;
  platformsUpdated: number;
  conflictsTaken: number;
  conflictsKept: number;
  revisionId: number;
}

/** The marker the collection workbook carries in a hidden sheet, so a returned file can be traced. */
export const collectionFormat = 'lianheti-collection';
