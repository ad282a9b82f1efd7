import { normalizeUnitName } from '../../shared/derive';
import type { TableRow, Values } from '../../shared/draft';
import type { RegionTemplate } from '../../shared/region-template';
import { normalizeUscc } from '../../shared/validation';
import type {
  ImportCounts,
  ImportPreview,
  ImportProblem,
  ImportRow,
  WorkbookTable,
} from '../../shared/workbooks';
import { HeaderMatcher, nameAndUsccKey, tableDef } from './headers';
import { findTableSheet, loadWorkbook, readTableSheet, type ParsedRow } from './sheet-reader';

/**
 * Importing a list from a workbook: read and check everything first (the preview), write nothing until
 * the user confirms a mode (apply-import.ts). This half runs on the reading worker, so it keeps to what
 * reading needs.
 */

/** What a row is recognised by, worked out once per row: its normalized code and name, or its person key. */
type RowKey = { uscc: string; name: string } | string | null;

/** How rows are recognised: units by 统一社会信用代码 (by name when a side has no code), people by 姓名 + 工作单位. */
export class RowMatcher {
  private readonly byUscc = new Map<string, string>();
  private readonly byName = new Map<string, string[]>();
  private readonly byKey = new Map<string, string>();
  private readonly usccOf = new Map<string, string>();

  constructor(
    readonly table: WorkbookTable,
    rows: TableRow[],
  ) {
    for (const row of rows) this.add(row.id, row.values);
  }

  /** The normalized values `add` and `find` compare, for using one row's key with both. */
  keyOf(values: Values): RowKey {
    if (this.table === 'members') return { uscc: normalizeUscc(values.uscc ?? ''), name: normalizeUnitName(values.name ?? '') };
    return RowMatcher.personKey(this.table, values);
  }

  add(id: string, values: Values): void {
    this.addKey(id, this.keyOf(values));
  }

  addKey(id: string, key: RowKey): void {
    if (this.table === 'members') {
      const { uscc, name } = key as { uscc: string; name: string };
      if (uscc !== '' && !this.byUscc.has(uscc)) this.byUscc.set(uscc, id);
      this.usccOf.set(id, uscc);
      if (name !== '') {
        const named = this.byName.get(name);
        if (named) named.push(id);
        else this.byName.set(name, [id]);
      }
      return;
    }
    const person = key as string | null;
    if (person !== null && !this.byKey.has(person)) this.byKey.set(person, id);
  }

  /** 姓名 + 工作单位 for people, 平台名称 + 依托单位 for platforms; null without a name. */
  static personKey(table: WorkbookTable, values: Values): string | null {
    const name = normalizeUnitName(values.name ?? '');
    if (name === '') return null;
    const unit = normalizeUnitName((table === 'team' ? values.workUnit : values.hostUnit) ?? '');
    return `${name}|${unit}`;
  }

  /** The id of the row these values denote, or null. */
  find(values: Values): string | null {
    return this.findKey(this.keyOf(values));
  }

  findKey(key: RowKey): string | null {
    if (this.table !== 'members') {
      const person = key as string | null;
      return person === null ? null : (this.byKey.get(person) ?? null);
    }
    const { uscc, name } = key as { uscc: string; name: string };
    if (uscc !== '') {
      const byCode = this.byUscc.get(uscc);
      if (byCode) return byCode;
    }
    // By name only where one side has no code: two units of one name and different codes stay apart.
    const named = this.byName.get(name);
    if (!named) return null;
    for (const id of named) if (uscc === '' || this.usccOf.get(id) === '') return id;
    return null;
  }
}

function describeKey(table: WorkbookTable): string {
  return table === 'members' ? '统一社会信用代码（或单位名称）相同' : table === 'team' ? '姓名和工作单位相同' : '平台名称和依托单位相同';
}

/** Decides each row's outcome against the draft's rows and the earlier rows of the sheet. */
export function classify(
  table: WorkbookTable,
  parsed: ParsedRow[],
  existing: TableRow[],
  sheetName: string,
): { rows: ImportRow[]; problems: ImportProblem[] } {
  const inDraft = new RowMatcher(table, existing);
  const inSheet = new RowMatcher(table, []);
  const rows: ImportRow[] = [];
  const problems: ImportProblem[] = [];
  for (const row of parsed) {
    let invalid = false;
    for (const problem of row.problems) {
      problems.push(problem);
      if (problem.severity === 'error') invalid = true;
    }
    if (invalid) {
      rows.push({ row: row.row, values: row.values, outcome: 'invalid' });
      continue;
    }
    const key = inSheet.keyOf(row.values);
    const earlier = inSheet.findKey(key);
    if (earlier !== null) {
      const first = Number(earlier);
      problems.push({
        row: row.row,
        column: '',
        columnLetter: '',
        severity: 'warning',
        code: 'duplicate',
        message: `与第 ${first} 行重复（${describeKey(table)}），此行不导入`,
        sheet: sheetName,
      });
      rows.push({ row: row.row, values: row.values, outcome: 'duplicate', duplicateOfRow: first });
      continue;
    }
    // The sheet's rows are known by their row number.
    const id = String(row.row);
    inSheet.addKey(id, key);
    const match = inDraft.findKey(key);
    rows.push(
      match === null
        ? { row: row.row, values: row.values, outcome: 'new' }
        : { row: row.row, values: row.values, outcome: 'update', matchRowId: match },
    );
  }
  return { rows, problems };
}

export function countOutcomes(rows: ImportRow[], problems: ImportProblem[]): ImportCounts {
  const warned = new Set(problems.filter((problem) => problem.severity === 'warning').map((problem) => problem.row));
  const counts: ImportCounts = { total: rows.length, new: 0, update: 0, duplicate: 0, invalid: 0, warnings: 0 };
  for (const row of rows) {
    counts[row.outcome]++;
    if (warned.has(row.row) && (row.outcome === 'new' || row.outcome === 'update')) counts.warnings++;
  }
  return counts;
}

/**
 * Reads a workbook for importing one table, checks every row and says what would happen to it; writes
 * nothing. `existing` are the draft's current rows of that table, for 'update' outcomes.
 */
export async function readWorkbookForImport(
  bytes: Buffer,
  fileName: string,
  template: RegionTemplate,
  table: WorkbookTable,
  existing: TableRow[] = [],
): Promise<ImportPreview> {
  const workbook = await loadWorkbook(bytes, fileName);
  const matcher = new HeaderMatcher(template, table);
  const def = tableDef(template, table);
  const { sheet, found } = findTableSheet(workbook, matcher, fileName, def.label);
  const read = readTableSheet(sheet, matcher, found);
  const { rows, problems } = classify(table, read.rows, existing, read.sheetName);
  const missingColumns = def.columns
    .filter((column) => !read.keys.has(column.key))
    .map((column) => ({ key: column.key, label: column.label, required: column.required }));
  return {
    fileName,
    table,
    sheetName: read.sheetName,
    headerRow: read.headerRow,
    columns: read.columns.map((column) => (column.key === nameAndUsccKey ? { ...column, how: 'combined' } : column)),
    missingColumns,
    rows,
    problems,
    counts: countOutcomes(rows, problems),
  };
}
